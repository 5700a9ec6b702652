/**
 * Which files the page may point the service at (inspect, reveal, the manifest editor): only our
 * own kinds of file (`.pconf` and launch manifests, by name) inside a watched folder. Symlinks
 * are resolved first and the real file must pass too, so a link inside a folder cannot lead the
 * service to `/etc/passwd` or a key in `~/.ssh`, and a folder added through the settings
 * exposes nothing but its plugin files.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { displayName } from '../core/text/safeText.js';
import { ServiceError } from './apiError.js';

export interface OwnFiles {
  folders: readonly string[];
  /** How an allowed file's name ends, e.g. ".pconf", ".plugin.json". */
  suffixes: readonly string[];
}

/** Answers the absolute path when allowed; throws FORBIDDEN (or INVALID_REQUEST) otherwise. */
export async function ownFile(requested: string, own: OwnFiles, action: string): Promise<string> {
  if (!isAbsolute(requested)) {
    throw new ServiceError(
      'INVALID_REQUEST',
      `${action}: path must be absolute, got ${JSON.stringify(requested)}`,
    );
  }
  const path = resolve(requested);
  const real = await realOrAsIs(path);
  const named = (file: string) =>
    own.suffixes.some((s) => basename(file).endsWith(s) && basename(file) !== s);
  if (!named(path) || !named(real)) {
    throw new ServiceError(
      'FORBIDDEN',
      `${action}: ${displayName(path)}${real !== path ? ` (a link to ${displayName(real)})` : ''} is not a ${own.suffixes.join(' or ')} file`,
      `Only ${own.suffixes.join(' and ')} files inside the watched folders can be used.`,
    );
  }
  for (const folder of own.folders) {
    const root = resolve(folder);
    if (inside(path, root) && inside(real, await realOrAsIs(root))) return path;
  }
  throw new ServiceError(
    'FORBIDDEN',
    `${action}: ${path}${real !== path ? ` (a link to ${real})` : ''} is not inside a watched folder (${own.folders.join(', ') || 'none'})`,
    `Only ${own.suffixes.join(' and ')} files inside the watched folders can be used.`,
  );
}

function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The path with symlinks resolved; for a missing file, its folder resolved. */
async function realOrAsIs(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    try {
      return join(await realpath(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}
