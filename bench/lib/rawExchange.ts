/** One HTTP/1.1 exchange written and read as raw bytes, to compare what two servers answer. */
import { connect } from 'node:net';

/** Sends `request` and resolves with the whole response (headers and Content-Length body). */
export function rawExchange(sock: string, request: Buffer, timeoutMs = 5000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(sock);
    const chunks: Buffer[] = [];
    const timer = setTimeout(
      () => finish(new Error(`no complete answer from ${sock} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const finish = (err?: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(Buffer.concat(chunks));
    };
    socket.on('connect', () => socket.write(request));
    socket.on('error', finish);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(all.subarray(0, end).toString('latin1'))?.[1];
      if (length !== undefined && all.length >= end + 4 + Number(length)) finish();
    });
  });
}

/** The response without its Date header, which differs from one second to the next. */
export function withoutDate(response: Buffer): string {
  return response.toString('latin1').replace(/\r\nDate: [^\r]*/i, '');
}
