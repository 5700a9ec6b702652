/**
 * Opens the Unix-domain sockets undici sends requests over. Our own connector instead of
 * undici's `{ socketPath, timeout }` for two reasons: the connect deadline is read when each
 * socket is opened (so a call can lower it), and a path too long for the platform's sun_path is
 * refused up front: libuv silently truncates it, which could connect to a different socket.
 */
import net from 'node:net';
import type { buildConnector } from 'undici';
import { socketPathError } from '../socketPath.js';

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

export function createUnixConnector(sock: string, connectTimeoutMs: () => number): buildConnector.connector {
  return (_options, callback) => {
    const refused = socketPathError(sock);
    if (refused !== null) {
      callback(refused, null);
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
