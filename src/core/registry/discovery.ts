/**
 * Finds .pconf files (and launch manifests): a watcher per folder for live discovery (folderWatch.ts) and a readdir
 * scan for the initial listing and rescans. It only reports paths; reading and parsing is the
 * registry's job.
 */
import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { errnoCode, explainErrno } from '../files/errno.js';
import { FolderWatch, type FolderWatchOptions } from './folderWatch.js';

export interface DiscoveryListener {
  /** A conf file appeared or changed. */
  changed(path: string): void;
  /** A conf file is gone. */
  removed(path: string): void;
  /** Something about a folder the user should know (missing, unreadable). */
  warning(message: string, path: string): void;
  /**
   * The folder itself appeared, went away, was replaced or changed permissions, or the system said
   * something changed in it without naming what: list it afresh.
   */
  folderChanged(folder: string): void;
}

export interface FolderListing {
  /** Conf files found directly inside the folders, absolute. */
  found: string[];
  /** Folders that exist but could not be listed (e.g. permission denied): what is known of them stands. */
  unlisted: string[];
}

/** Listing errors that mean the folder is not there (as opposed to being there but unreadable). */
const ABSENT = new Set(['ENOENT', 'ENOTDIR']);

export function isConfFile(path: string, extension: string): boolean {
  const name = basename(path);
  // Dot-files are editors' and our own temp files (e.g. `.TestDo.pconf.tmp-123`).
  return name.endsWith(extension) && name.length > extension.length && !name.startsWith('.');
}

/** Lists the wanted files directly inside each folder (depth 0), whatever their type. */
export async function scanFolders(
  folders: readonly string[],
  isWanted: (path: string) => boolean,
  onWarning: DiscoveryListener['warning'],
): Promise<FolderListing> {
  const listing: FolderListing = { found: [], unlisted: [] };
  for (const folder of folders) {
    try {
      for (const name of await readdir(folder)) {
        const path = join(folder, name);
        if (isWanted(path)) listing.found.push(resolve(path));
      }
    } catch (err) {
      if (!ABSENT.has(errnoCode(err) ?? '')) listing.unlisted.push(folder);
      onWarning(`cannot list plugin folder ${folder}: ${explainErrno(err)}`, folder);
    }
  }
  return listing;
}

export interface FoldersWatcher {
  /** Watches one more folder; resolves once it is watched. */
  add(folder: string): Promise<void>;
  close(): Promise<void>;
}

/** Watches every folder; resolves once each watch is ready, so a file written after that is seen. */
export async function watchFolders(
  folders: readonly string[],
  isWanted: (path: string) => boolean,
  listener: DiscoveryListener,
  options: FolderWatchOptions,
): Promise<FoldersWatcher> {
  const open = (folder: string) => FolderWatch.open(folder, isWanted, listener, options);
  const watches = await Promise.all(folders.map(open));
  return {
    add: async (folder) => {
      watches.push(await open(folder));
    },
    close: async () => {
      await Promise.all(watches.map((w) => w.close()));
    },
  };
}
