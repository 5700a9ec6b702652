/**
 * What a launch of the Studio asks for: `--dir DIR` (repeatable, also `--dir=DIR`), as `npm start
 * -- --dir X` documents it. Read leniently: Electron's and Chromium's own switches (`--no-sandbox`,
 * the app path of an unpackaged app, ...) share the command line and are not ours to refuse.
 */
import { isAbsolute, resolve } from 'node:path';

export interface LaunchRequest {
  /** The folders to watch, absolute; undefined when the launch named none. */
  folders?: string[];
}

/** `argv` as process.argv has it (program first), relative folders resolved against `cwd`. */
export function launchRequest(argv: readonly string[], cwd: string): LaunchRequest {
  const folders: string[] = [];
  for (let i = 1; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg.startsWith('--dir=')) folders.push(arg.slice('--dir='.length));
    else if (arg === '--dir' && i + 1 < argv.length && !argv[i + 1]!.startsWith('--'))
      folders.push(argv[++i]!);
  }
  const named = folders.filter((folder) => folder !== '').map((folder) => resolve(cwd, folder));
  return named.length > 0 ? { folders: named } : {};
}

/**
 * A second launch's request as the first instance receives it (Electron's `additionalData`):
 * another process's data, so only its expected shape is kept. The second launch's argv is not
 * used: Chromium reorders it (switches first), which splits `--dir X` apart.
 */
export function receivedLaunchRequest(data: unknown): LaunchRequest {
  const folders = (data as { folders?: unknown } | null)?.folders;
  const valid =
    Array.isArray(folders) &&
    folders.length > 0 &&
    folders.every((folder) => typeof folder === 'string' && isAbsolute(folder));
  return valid ? { folders: folders as string[] } : {};
}
