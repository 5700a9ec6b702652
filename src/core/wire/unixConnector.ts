/**
 * Opens the Unix-domain sockets undici sends requests over. Our own connector instead of
 * undici's `{ socketPath, timeout }` for two reasons: the connect deadline is read when each
 * socket is opened (so a call can lower it), and an over-long path is refused up front —
 * libuv silently truncates sun_path, which could connect to a different socket.
 */
import net from 'node:net';
import type { buildConnector } from 'undici';

/** Linux sun_path holds 108 bytes including the terminating NUL. */
export const MAX_SOCKET_PATH_BYTES = 107;

/** The socket did not connect within its deadline. */
export class ConnectTimeoutError extends Error {
  constructor(
    readonly sock: string,
    readonly timeoutMs: number,
  ) {
    super(`connect to ${sock} did not complete within ${timeoutMs} ms`);
    this.name = 'ConnectTimeoutError';
  }
}

/** An error shaped like Node's system errors, for failures we detect before asking the kernel. */
export class SocketPathError extends Error {
  readonly code = 'ENAMETOOLONG';
  constructor(readonly sock: string) {
    super(
      `socket path is ${Buffer.byteLength(sock)} bytes, Unix sockets allow at most ${MAX_SOCKET_PATH_BYTES}`,
    );
    this.name = 'SocketPathError';
  }
}

export function createUnixConnector(sock: string, connectTimeoutMs: () => number): buildConnector.connector {
  return (_options, callback) => {
    if (Buffer.byteLength(sock) > MAX_SOCKET_PATH_BYTES) {
      callback(new SocketPathError(sock), null);
      return;
    }
    const timeoutMs = connectTimeoutMs();
    const socket = net.connect({ path: sock });
    let pending: buildConnector.Callback | undefined = callback;
    const settle = (err: Error | null): void => {
      clearTimeout(timer);
      const cb = pending;
      pending = undefined;
      if (cb === undefined) return;
      if (err === null) cb(null, socket);
      else cb(err, null);
    };
    const timer = setTimeout(() => {
      const err = new ConnectTimeoutError(sock, timeoutMs);
      settle(err);
      socket.destroy(err);
    }, timeoutMs);
    socket.once('connect', () => settle(null));
    // Stays attached: undici adds its own listeners, and a late error must never be unhandled.
    socket.on('error', (err) => settle(err));
  };
}
