/** One connect attempt to a Unix socket, closed at once: is anything accepting there? */
import { createConnection } from 'node:net';
import { socketPathError } from './socketPath.js';

export type ConnectProbe = 'connected' | 'timeout' | NodeJS.ErrnoException;

export function connectProbe(path: string, timeoutMs: number): Promise<ConnectProbe> {
  // Node would connect to the path cut short: perhaps someone else's socket.
  const refused = socketPathError(path);
  if (refused !== null) return Promise.resolve(refused);
  return new Promise((resolve) => {
    const socket = createConnection({ path });
    const done = (result: ConnectProbe): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.once('connect', () => done('connected'));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err));
  });
}
