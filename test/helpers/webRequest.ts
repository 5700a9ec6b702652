/**
 * One raw request to the web server: node:http sends the path and headers exactly as given (no
 * URL normalising). For the event stream it resolves on the status line and hangs up.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { withDeadline } from '../../src/core/withDeadline.js';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The address to connect to; default 127.0.0.1. */
  host?: string;
}

export function sendRaw(port: number, path: string, options: RawRequest = {}): Promise<Reply> {
  return withDeadline(
    new Promise<Reply>((resolve, reject) => {
      const req = httpRequest(
        {
          host: options.host ?? '127.0.0.1',
          port,
          path,
          method: options.method ?? 'GET',
          headers: { Host: `127.0.0.1:${port}`, ...options.headers },
        },
        (res) => {
          if (res.headers['content-type']?.startsWith('text/event-stream')) {
            res.destroy();
            return resolve({ status: res.statusCode!, headers: res.headers, text: '' });
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }),
          );
        },
      );
      req.on('error', reject);
      req.end(options.body);
    }),
    10_000,
    `request ${path}`,
  );
}
