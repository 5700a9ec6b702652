/**
 * What a plugin's socket path points at, and whether something answers there: the facts a user
 * needs when a plugin will not start (no socket, a stale file, someone else's socket, nobody
 * listening). Every connect attempt has a deadline.
 */
import { stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { connectProbe } from '../connectProbe.js';
import type { SocketStatus } from '../types.js';
import { errnoCode, explainErrno } from '../files/errno.js';
import { describeFileType, octalMode } from '../files/fileType.js';
import { socketPathError } from '../socketPath.js';

export const DEFAULT_CONNECT_TIMEOUT_MS = 1000;

/** The user name for our own uid, else the uid as text (no lookup of other users' names). */
function ownerName(uid: number): string {
  try {
    const me = userInfo();
    if (me.uid === uid) return me.username;
  } catch {
    // No passwd entry for us (e.g. a container with an arbitrary uid): the number will do.
  }
  return String(uid);
}

export async function probeSocket(
  path: string,
  timeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
): Promise<SocketStatus> {
  // Too long to be a socket address: said first, and never connected to (see socketPath.ts).
  const tooLong = socketPathError(path)?.message;
  let stats;
  try {
    stats = await stat(path);
  } catch (err) {
    // Nothing there, or not even stat-able: a connect would tell no more, so it is not tried.
    const error =
      tooLong ?? (errnoCode(err) === 'ENOENT' ? 'nothing exists at this path' : `cannot stat: ${explainErrno(err)}`);
    return { path, exists: false, isSocket: false, reachable: null, error };
  }
  const status: SocketStatus = {
    path,
    exists: true,
    isSocket: stats.isSocket(),
    mode: octalMode(stats.mode),
    uid: stats.uid,
    owner: ownerName(stats.uid),
    reachable: false,
  };
  // Nothing but a socket accepts connections: unreachable for certain, no need to try.
  if (!status.isSocket) return { ...status, error: `${describeFileType(stats)}, not a socket` };
  if (tooLong !== undefined) return { ...status, error: tooLong };
  const probe = await connectProbe(path, timeoutMs);
  if (probe === 'connected') return { ...status, reachable: true };
  const error = probe === 'timeout' ? `no connection within ${timeoutMs} ms` : `connect failed: ${explainErrno(probe)}`;
  return { ...status, error };
}
