/**
 * The files of the built Studio page (out/renderer), as both the web server and the Electron
 * app's custom scheme serve them: only regular files inside the folder (the URL path is decoded,
 * normalised and its symlinks resolved before the check), each with its content type.
 */
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, posix, relative, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface PageFile {
  path: string;
  size: number;
  contentType: string;
  /** index.html names the current build's assets: it must never be reused from a cache. */
  isIndex: boolean;
}

export class BuiltPageFiles {
  readonly #root: string;

  private constructor(root: string) {
    this.#root = root;
  }

  /** Fails with a clear message when the folder holds no index.html (the page is not built). */
  static async open(dir: string): Promise<BuiltPageFiles> {
    const root = await realpath(dir).catch(() => undefined);
    const index =
      root === undefined ? undefined : await stat(join(root, 'index.html')).catch(() => undefined);
    if (root === undefined || !index?.isFile()) {
      throw new Error(
        `No built Studio window in ${dir} (index.html missing): run \`npm run build:app\` first.`,
      );
    }
    return new BuiltPageFiles(root);
  }

  /** The regular file inside the root that the URL path (still percent-encoded) names, or undefined. */
  async find(rawPath: string): Promise<PageFile | undefined> {
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return undefined;
    }
    if (path.includes('\0') || path.includes('\\')) return undefined;
    // posix.normalize of a rooted path never climbs above "/": `/../x` becomes `/x`.
    const clean = posix.normalize(path === '/' || path === '' ? '/index.html' : path);
    const candidate = join(this.#root, ...clean.split('/').filter((part) => part !== ''));
    const real = await realpath(candidate).catch(() => undefined);
    if (real === undefined || !inside(real, this.#root)) return undefined;
    const info = await stat(real).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    return {
      path: real,
      size: info.size,
      contentType: CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
      isIndex: real === join(this.#root, 'index.html'),
    };
  }
}

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
