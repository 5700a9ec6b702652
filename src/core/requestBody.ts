/**
 * Reads a whole HTTP request body, refusing more than `limit` bytes instead of buffering without
 * end. Used by the plugin SDK's server and the Studio's web server alike.
 */
import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body is larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Past the limit (declared or sent) it rejects with BodyTooLargeError and stops reading without
 * destroying the socket, so that an answer can still go out: the caller then closes the
 * connection, since the unread rest would otherwise be parsed as a next request.
 */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      reject(new BodyTooLargeError(limit));
    };
    // Every request emits 'close' once answered; only one closed before 'end' lost its body. The
    // listener goes at 'end' so that answered requests do not build an Error (and its stack) each.
    const onClose = (): void =>
      reject(new Error('The client closed the connection before sending the whole body'));
    req.on('data', onData);
    req.once('end', () => {
      req.off('close', onClose);
      resolve(Buffer.concat(chunks, size));
    });
    req.once('error', reject);
    req.once('close', onClose);
  });
}
