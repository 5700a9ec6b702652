/**
 * Checks on the plugin's socket path before listening: the OS length limit, and what to do
 * with a socket file that is already there (the Go plugin fails silently in both cases).
 */
import { lstat, unlink } from 'node:fs/promises';
import { connectProbe } from '../core/connectProbe.js';
import { GoPlugError } from '../core/errors.js';
import { explainErrno } from '../core/files/errno.js';
import { socketPathProblem } from '../core/socketPath.js';

const PROBE_TIMEOUT_MS = 2_000;

/** Throws before anything is written when the OS could not bind this path. */
export function assertSocketPathFits(sock: string): void {
  const problem = socketPathProblem(sock);
  if (problem !== null) {
    throw new GoPlugError('CONFIG_INVALID', `Cannot listen on ${sock}: ${problem}`, {
      hint: 'Use a shorter plugin folder (e.g. under /tmp) or a shorter NameSpace/Name.',
    });
  }
}

/**
 * Makes the path free to listen on: nothing there is fine; a socket nobody answers on (left by a
 * killed plugin) is removed; a socket a live process answers on, or anything that is not a
 * socket, is refused with an error naming the path.
 */
export async function clearStaleSocket(sock: string): Promise<void> {
  const stat = await lstat(sock).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (stat === undefined) return;
  if (!stat.isSocket()) {
    throw new GoPlugError('CONFIG_INVALID', `${sock} exists and is not a socket; refusing to replace it`, {
      hint: 'Remove or rename that file, or choose another plugin folder.',
    });
  }
  const probe = await connectProbe(sock, PROBE_TIMEOUT_MS);
  if (probe === 'connected') {
    throw new GoPlugError('ALREADY_STARTED', `Another process is already serving ${sock}; refusing to replace it`, {
      hint: 'Stop the running plugin first, or start this one in another folder.',
    });
  }
  if (probe === 'timeout') {
    throw new GoPlugError('TIMEOUT', `Could not tell whether ${sock} is in use: connecting to it did not finish`, {
      hint: 'A process may be holding the socket without accepting; stop it or remove the socket by hand.',
    });
  }
  // ECONNREFUSED: a socket file with no listener behind it. ENOENT: it vanished meanwhile.
  // Anything else (EACCES...) says nothing about liveness, so it is not treated as stale.
  if (probe.code !== 'ECONNREFUSED' && probe.code !== 'ENOENT') {
    throw new GoPlugError('CONNECT_FAILED', `Could not tell whether ${sock} is in use: ${explainErrno(probe)}`, {
      cause: probe,
      hint: 'Check who owns the socket file and its permissions, or remove it by hand.',
    });
  }
  await unlink(sock).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}
