/**
 * Which file holds which plugin. Several files may claim one id (two folders, a copied file):
 * the winner is chosen deterministically, by folder order and then file path, and the others
 * are reported as conflicts rather than dropped. The same rule serves .pconf files and launch
 * manifests (each kind has its own claims).
 */
import type { ConfFileInfo, ConfIssue, LaunchManifest, PluginConf } from '../types.js';

export interface Claim {
  path: string;
  /** Position of the file's folder in the registry's folder list: earlier folders win. */
  folderIndex: number;
  id: string;
}

export interface ConfRecord extends Claim {
  conf: PluginConf;
  warnings: ConfIssue[];
  file: ConfFileInfo;
  raw: Buffer;
}

export interface ManifestRecord extends Claim {
  manifest: LaunchManifest;
  file: ConfFileInfo;
  raw: Buffer;
}

export class Claims<R extends Claim> {
  private readonly byPath = new Map<string, R>();
  private readonly byId = new Map<string, Map<string, R>>();

  get(path: string): R | undefined {
    return this.byPath.get(path);
  }

  /** Records a file's content; returns the id it claimed before, when that differs. */
  set(record: R): string | undefined {
    const previous = this.byPath.get(record.path);
    if (previous && previous.id !== record.id) this.dropFromId(previous);
    this.byPath.set(record.path, record);
    let claims = this.byId.get(record.id);
    if (!claims) this.byId.set(record.id, (claims = new Map()));
    claims.set(record.path, record);
    return previous && previous.id !== record.id ? previous.id : undefined;
  }

  /** Forgets a file; returns the id it claimed. */
  delete(path: string): string | undefined {
    const previous = this.byPath.get(path);
    if (!previous) return undefined;
    this.byPath.delete(path);
    this.dropFromId(previous);
    return previous.id;
  }

  /** The file that holds the id, and the files that lost to it. */
  claimsOf(id: string): { winner: R | undefined; losers: R[] } {
    const claims = [...(this.byId.get(id)?.values() ?? [])].sort(
      (a, b) => a.folderIndex - b.folderIndex || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
    return { winner: claims[0], losers: claims.slice(1) };
  }

  paths(): string[] {
    return [...this.byPath.keys()];
  }

  private dropFromId(record: R): void {
    const claims = this.byId.get(record.id);
    claims?.delete(record.path);
    if (claims?.size === 0) this.byId.delete(record.id);
  }
}
