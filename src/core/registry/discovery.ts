/**
 * Finds .pconf files: a chokidar watcher for live discovery and a readdir scan for the initial
 * listing and rescans. It only reports paths; reading and parsing is the registry's job.
 */
import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface DiscoveryListener {
  /** A conf file appeared or changed. */
  changed(path: string): void;
  /** A conf file is gone. */
  removed(path: string): void;
  /** Something about a folder the user should know (missing, unreadable). */
  warning(message: string, path: string): void;
}

export function isConfFile(path: string, extension: string): boolean {
  const name = basename(path);
  // Dot-files are editors' and our own temp files (e.g. `.TestDo.pconf.tmp-123`).
  return name.endsWith(extension) && name.length > extension.length && !name.startsWith('.');
}

/** Lists the conf files directly inside each folder (depth 0), whatever their type. */
export async function scanFolders(
  folders: readonly string[],
  extension: string,
  onWarning: DiscoveryListener['warning'],
): Promise<string[]> {
  const found: string[] = [];
  for (const folder of folders) {
    try {
      for (const name of await readdir(folder)) {
        const path = join(folder, name);
        if (isConfFile(path, extension)) found.push(resolve(path));
      }
    } catch (err) {
      onWarning(`cannot list plugin folder ${folder}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, folder);
    }
  }
  return found;
}

/**
 * Watches the folders (depth 0). Resolves once the watcher is ready, so a file written after
 * that is seen. `atomic: false` and no awaitWriteFinish: plugins rename finished files into
 * place, and half-written ones are handled by the registry's settle timer instead of a 2 s wait.
 */
export async function watchFolders(
  folders: readonly string[],
  extension: string,
  listener: DiscoveryListener,
): Promise<FSWatcher> {
  const watcher = watch([...folders], {
    depth: 0,
    ignoreInitial: true,
    atomic: false,
    awaitWriteFinish: false,
    followSymlinks: false,
    // Keep directories (the folders themselves) and conf files; drop everything else early.
    ignored: (path, stats) => stats !== undefined && !stats.isDirectory() && !isConfFile(path, extension),
  });
  watcher.on('add', (path) => listener.changed(resolve(path)));
  watcher.on('change', (path) => listener.changed(resolve(path)));
  watcher.on('unlink', (path) => listener.removed(resolve(path)));
  // A directory named like a conf file is reported as a problem, not ignored.
  watcher.on('addDir', (path) => isConfFile(path, extension) && listener.changed(resolve(path)));
  watcher.on('unlinkDir', (path) => isConfFile(path, extension) && listener.removed(resolve(path)));
  watcher.on('error', (err) => listener.warning(`watcher error: ${String(err)}`, folders.join(', ')));
  await new Promise<void>((done) => watcher.once('ready', () => done()));
  return watcher;
}
