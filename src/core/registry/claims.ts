/**
 * Which file holds which plugin. Several files may claim one id (two folders, a copied file):
 * the winner is chosen deterministically, by folder order and then file path, and the others
 * are reported as conflicts rather than dropped. The same rule serves .pconf files and launch
 * manifests (each kind has its own claims).
 */
import { dirname } from 'node:path';
import type { ConfFileInfo, ConfIssue, LaunchManifest, PluginConf } from '../types.js';

export interface Claim {
  path: string;
  /** Position of the file's folder in the registry's folder list: earlier folders win. */
  folderIndex: number;
  id: string;
}

/** A claim read from a file: what was read, to tell a real change from a touch. */
export interface FileClaim extends Claim {
  file: ConfFileInfo;
  raw: Buffer;
}

export interface ConfRecord extends FileClaim {
  conf: PluginConf;
  warnings: ConfIssue[];
}

export interface ManifestRecord extends FileClaim {
  manifest: LaunchManifest;
}

/**
 * Builds the record a file claims with, .pconf or manifest alike: a file outside the folders
 * (found by a launch) ranks after all of them.
 */
export function fileClaim<T extends object>(
  folders: readonly string[],
  path: string,
  id: string,
  read: { file: ConfFileInfo; raw: Buffer },
  content: T,
): FileClaim & T {
  const folderIndex = folders.indexOf(dirname(path));
  return {
    path,
    folderIndex: folderIndex < 0 ? folders.length : folderIndex,
    id,
    file: read.file,
    raw: read.raw,
    ...content,
  };
}

/** The same bytes with the same mtime: nothing to do. */
export function sameFile(
  previous: FileClaim | undefined,
  read: { file: ConfFileInfo; raw: Buffer },
): boolean {
  return (
    previous !== undefined && previous.raw.equals(read.raw) && previous.file.mtimeMs === read.file.mtimeMs
  );
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
      (a, b) => a.folderIndex - b.folderIndex || compare(a.path, b.path),
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

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
