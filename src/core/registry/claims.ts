/**
 * Which file holds which plugin. Several files may claim one id (two folders, a copied file):
 * the winner is chosen deterministically, by folder order and then file path, and the others
 * are reported as conflicts rather than dropped.
 */
import type { ConfFileInfo, ConfIssue, PluginConf } from '../types.js';

export interface ConfRecord {
  path: string;
  /** Position of the file's folder in the registry's folder list: earlier folders win. */
  folderIndex: number;
  id: string;
  conf: PluginConf;
  warnings: ConfIssue[];
  file: ConfFileInfo;
  raw: Buffer;
}

export class ConfClaims {
  private readonly byPath = new Map<string, ConfRecord>();
  private readonly byId = new Map<string, Map<string, ConfRecord>>();

  get(path: string): ConfRecord | undefined {
    return this.byPath.get(path);
  }

  /** Records a file's content; returns the id it claimed before, when that differs. */
  set(record: ConfRecord): string | undefined {
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
  claimsOf(id: string): { winner: ConfRecord | undefined; losers: ConfRecord[] } {
    const claims = [...(this.byId.get(id)?.values() ?? [])].sort(
      (a, b) => a.folderIndex - b.folderIndex || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
    return { winner: claims[0], losers: claims.slice(1) };
  }

  paths(): string[] {
    return [...this.byPath.keys()];
  }

  private dropFromId(record: ConfRecord): void {
    const claims = this.byId.get(record.id);
    claims?.delete(record.path);
    if (claims?.size === 0) this.byId.delete(record.id);
  }
}
