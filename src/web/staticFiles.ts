/** Serves the built renderer (out/renderer) without a token: it holds no plugin data. */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { BuiltPageFiles } from '../core/builtPageFiles.js';
import { sendText } from './httpReply.js';

export class StaticFiles {
  readonly #files: BuiltPageFiles;

  private constructor(files: BuiltPageFiles) {
    this.#files = files;
  }

  /** Fails with a clear message when the folder holds no index.html (the renderer is not built). */
  static async open(dir: string): Promise<StaticFiles> {
    return new StaticFiles(await BuiltPageFiles.open(dir));
  }

  async serve(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    }
    const file = await this.#files.find(rawPath);
    if (file === undefined) return sendText(res, 404, 'Not found\n');
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': file.size,
      'Cache-Control': file.isIndex ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    await pipeline(createReadStream(file.path), res).catch(() => res.destroy());
  }
}
