/** Reads a whole request body, refusing more than `limit` bytes instead of buffering without end. */
import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes, the most this plugin accepts`);
    this.name = 'BodyTooLargeError';
  }
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    // Every request emits 'close' once answered; only one closed before 'end' lost its body. The
    // listener goes at 'end' so that answered requests do not build an Error (and its stack) each.
    const onClose = (): void =>
      reject(new Error('The client closed the connection before sending the whole body'));
    req.once('end', () => {
      req.off('close', onClose);
      resolve(Buffer.concat(chunks, size));
    });
    req.once('error', reject);
    req.once('close', onClose);
  });
}
