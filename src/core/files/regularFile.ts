/**
 * Reads a small file from a folder without trusting what is there. A folder can hold a FIFO
 * (opening it for reading would block forever), a device (/dev/zero never ends), a huge or sparse
 * file, or something we may not read. Each of those comes back as a reason naming what it is;
 * nothing here blocks, reads past the size limit, or throws for a file's sake. Used for .pconf
 * files and launch manifests alike.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, stat, type FileHandle } from 'node:fs/promises';
import type { ConfFileInfo, ProblemKind } from '../types.js';
import { errnoCode, explainErrno } from './errno.js';
import { describeFileType } from './fileType.js';
import { formatBytes } from '../text/units.js';

export type RegularFileRead =
  | { kind: 'ok'; raw: Buffer; file: ConfFileInfo }
  | {
      kind: 'problem';
      problem: Exclude<ProblemKind, 'invalid' | 'conflict' | 'insecure'>;
      /** What is wrong, to follow the file's name: e.g. "is a FIFO, not a regular file". */
      reason: string;
      /** The file is not there (ENOENT, ENOTDIR): the caller may treat it as removed. */
      missing: boolean;
      file?: ConfFileInfo;
    };

/** A file's facts as the Studio shows them. */
export function fileInfo(path: string, stats: Stats): ConfFileInfo {
  return { path, size: stats.size, mtimeMs: stats.mtimeMs, mode: stats.mode, uid: stats.uid };
}

/**
 * What the path is when it is not (a symlink to) a regular file, e.g. "is a symlink to a
 * character device"; null for a regular file. Decided by stat alone, so nothing is opened.
 */
async function notRegular(path: string): Promise<string | null> {
  const own = await lstat(path);
  if (own.isFile()) return null;
  if (!own.isSymbolicLink()) return `is ${describeFileType(own)}`;
  const target = await stat(path).catch((err: unknown) => {
    if (errnoCode(err) === 'ENOENT') return null;
    throw err;
  });
  if (target === null) return 'is a broken symlink (its target does not exist)';
  return target.isFile() ? null : `is a symlink to ${describeFileType(target)}`;
}

/** Reads to the end, or returns null as soon as there are more than `limit` bytes (the file grew). */
async function readAtMost(handle: FileHandle, limit: number, sizeHint: number): Promise<Buffer | null> {
  let buffer = Buffer.alloc(Math.min(limit + 1, Math.max(sizeHint + 1, 4096)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      const bigger = Buffer.alloc(Math.min(limit + 1, buffer.length * 2));
      buffer.copy(bigger);
      buffer = bigger;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    if (bytesRead === 0) return buffer.subarray(0, length);
    length += bytesRead;
    if (length > limit) return null;
  }
}

/**
 * The bytes of a regular file of at most `maxBytes`, or why not. `what` names the kind of file
 * in the too-large reason ("a .pconf", "a launch manifest").
 */
export async function readRegularFile(
  path: string,
  maxBytes: number,
  what: string,
): Promise<RegularFileRead> {
  const tooLarge = (size: string, file: ConfFileInfo): RegularFileRead => ({
    kind: 'problem',
    problem: 'too-large',
    reason: `is ${size}, more than the ${formatBytes(maxBytes, { exact: true })} ${what} may have`,
    missing: false,
    file,
  });
  let handle: FileHandle | undefined;
  try {
    const kind = await notRegular(path);
    if (kind !== null)
      return {
        kind: 'problem',
        problem: 'not-regular',
        reason: `${kind}, not a regular file`,
        missing: false,
      };
    // O_NONBLOCK: should the file be swapped for a FIFO after the check, open still returns at once.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = await handle.stat();
    const file = fileInfo(path, stats);
    if (!stats.isFile()) {
      const reason = `is ${describeFileType(stats)}, not a regular file`;
      return { kind: 'problem', problem: 'not-regular', reason, missing: false, file };
    }
    if (stats.size > maxBytes) return tooLarge(formatBytes(stats.size, { exact: true }), file);
    const raw = await readAtMost(handle, maxBytes, stats.size);
    if (raw === null) return tooLarge(`more than ${formatBytes(maxBytes, { exact: true })} (it grew while being read)`, file);
    return { kind: 'ok', raw, file };
  } catch (err) {
    const code = errnoCode(err);
    if (code === undefined) throw err;
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    const reason = missing ? `does not exist: ${explainErrno(err)}` : `cannot be read: ${explainErrno(err)}`;
    return { kind: 'problem', problem: 'unreadable', reason, missing };
  } finally {
    await handle?.close();
  }
}
