/**
 * Serves the built renderer (out/renderer) without a token: it holds no plugin data. Only files
 * inside the folder are served (the path is normalised and symlinks resolved before the check).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, posix, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sendText } from './httpReply.js';

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

export class StaticFiles {
  readonly #root: string;

  private constructor(root: string) {
    this.#root = root;
  }

  /** Fails with a clear message when the folder holds no index.html (the renderer is not built). */
  static async open(dir: string): Promise<StaticFiles> {
    const root = await realpath(dir).catch(() => undefined);
    const index =
      root === undefined ? undefined : await stat(join(root, 'index.html')).catch(() => undefined);
    if (root === undefined || !index?.isFile()) {
      throw new Error(
        `No built Studio window in ${dir} (index.html missing): run \`npm run build:app\` first.`,
      );
    }
    return new StaticFiles(root);
  }

  async serve(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    }
    const file = await this.#resolve(rawPath);
    if (file === undefined) return sendText(res, 404, 'Not found\n');
    const isIndex = file === join(this.#root, 'index.html');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': (await stat(file)).size,
      // index.html names the current build's assets: never reuse an old one.
      'Cache-Control': isIndex ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    await pipeline(createReadStream(file), res).catch(() => res.destroy());
  }

  /** The regular file inside the root that the path names, or undefined. */
  async #resolve(rawPath: string): Promise<string | undefined> {
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return undefined;
    }
    if (path.includes('\0') || path.includes('\\')) return undefined;
    // posix.normalize of a rooted path never climbs above "/": `/../x` becomes `/x`.
    const clean = posix.normalize(path === '/' ? '/index.html' : path);
    const candidate = join(this.#root, ...clean.split('/').filter((part) => part !== ''));
    const real = await realpath(candidate).catch(() => undefined);
    if (real === undefined || !inside(real, this.#root)) return undefined;
    const info = await stat(real).catch(() => undefined);
    return info?.isFile() ? real : undefined;
  }
}

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
