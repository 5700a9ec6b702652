/**
 * Which files the window may point the service at (inspect, reveal): files inside the watched
 * folders, plus the exact .pconf and socket paths of known plugins. Symlinks are followed before
 * the check, so a link inside a folder cannot lead the service elsewhere.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ServiceError } from './apiError.js';

export interface AllowedPlaces {
  folders: readonly string[];
  /** Single files allowed wherever they are (a plugin's .pconf or socket). */
  files: readonly string[];
}

/** Answers the absolute path when allowed; throws FORBIDDEN (or INVALID_REQUEST) otherwise. */
export async function allowedPath(requested: string, places: AllowedPlaces, action: string): Promise<string> {
  if (!isAbsolute(requested)) {
    throw new ServiceError(
      'INVALID_REQUEST',
      `${action}: path must be absolute, got ${JSON.stringify(requested)}`,
    );
  }
  const path = resolve(requested);
  const real = await realOrAsIs(path);
  for (const file of places.files) {
    if (resolve(file) === path || (await realOrAsIs(resolve(file))) === real) return path;
  }
  for (const folder of places.folders) {
    const root = resolve(folder);
    if (inside(path, root) && inside(real, await realOrAsIs(root))) return path;
  }
  throw new ServiceError(
    'FORBIDDEN',
    `${action}: ${path} is not inside a watched folder (${places.folders.join(', ') || 'none'}) nor a plugin's .pconf or socket`,
  );
}

function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
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
