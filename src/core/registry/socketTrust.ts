/**
 * A .pconf is just a file anyone with write access to the folder can drop, so before talking to
 * a socket we check who owns it: another local user must not be able to impersonate a plugin.
 */
import { lstat, readlink } from 'node:fs/promises';
import { GoPlugError } from '../errors.js';
import { describeFileType } from '../files/fileType.js';
import type { ConfIssue } from '../types.js';

const WORLD_WRITABLE = 0o002;

/** Mode bits as the inspector shows them, e.g. "0600". */
export function octalMode(mode: number): string {
  return '0' + (mode & 0o777).toString(8).padStart(3, '0');
}

export function writableByOthersWarning(what: string, path: string, mode: number): ConfIssue | undefined {
  return mode & WORLD_WRITABLE
    ? {
        message: `${what} ${path} is writable by other users (mode ${octalMode(mode)}); anyone could replace it`,
      }
    : undefined;
}

/**
 * Throws UNTRUSTED when another user (not in `allowedOwners`) owns the socket or the path is a
 * symbolic link, CONNECT_FAILED when it is something other than a socket; returns warnings for a
 * socket others may write to. A missing socket passes: connecting reports it with the right code.
 */
export async function checkSocket(
  id: string,
  sock: string,
  allowedOwners: readonly number[],
): Promise<ConfIssue[]> {
  let stats;
  try {
    stats = await lstat(sock);
  } catch {
    return [];
  }
  if (stats.isSymbolicLink()) {
    // Connecting would follow the link, whose target may belong to anyone and may change after a check.
    const target = await readlink(sock).catch(() => '?');
    throw new GoPlugError(
      'UNTRUSTED',
      `${id}: refused to connect, socket ${sock} is a symbolic link (to ${target}); the socket itself must be named so that its owner can be checked`,
      { hint: 'Point Sock in the .pconf at the socket itself, not at a link to it.' },
    );
  }
  if (!stats.isSocket()) {
    throw new GoPlugError(
      'CONNECT_FAILED',
      `${id}: ${sock} is not a socket (it is ${describeFileType(stats)}); the .pconf is probably stale`,
    );
  }
  const me = process.getuid?.();
  if (me !== undefined && stats.uid !== me && !allowedOwners.includes(stats.uid)) {
    throw new GoPlugError(
      'UNTRUSTED',
      `${id}: refused to connect, socket ${sock} is owned by uid ${stats.uid}, not by you (uid ${me})`,
    );
  }
  const warning = writableByOthersWarning('socket', sock, stats.mode);
  return warning ? [warning] : [];
}
