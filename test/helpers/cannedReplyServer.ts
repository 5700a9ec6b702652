/**
 * A Unix-socket server that answers every request with the same fixed bytes: for plugins that
 * misbehave in ways the Go double does not (a Ping that does not echo, an Activate without its
 * array, a RegisterCallback refused with 400), and for fuzzing, which changes the bytes (and
 * whether the connection is closed after them) between requests.
 */
import net from 'node:net';
import path from 'node:path';

export interface CannedReplyServer {
  sock: string;
  /** Answers later requests with `reply`; with `end`, closes the connection after writing it. */
  setReply(reply: string | Buffer, options?: { end?: boolean }): void;
  close(): Promise<void>;
}

export async function startCannedReplyServer(
  dir: string,
  reply: string | Buffer,
): Promise<CannedReplyServer> {
  const sock = path.join(dir, 'canned.sock');
  const sockets = new Set<net.Socket>();
  let current = reply;
  let closeAfter = false;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let pending = '';
    socket.on('data', (chunk) => {
      // One reply per header block: the small bodies sent here never hold a blank line.
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
        pending = pending.slice(end + 4);
        if (closeAfter) socket.end(current);
        else socket.write(current);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(sock, resolve));
  return {
    sock,
    setReply(next, options = {}) {
      current = next;
      closeAfter = options.end ?? false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
