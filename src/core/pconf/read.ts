/**
 * Reads one .pconf from a discovery folder without trusting what is there. A folder can hold a
 * FIFO (opening it for reading would block forever), a device (/dev/zero never ends), a huge or
 * sparse file, or something we may not read. Each of those is a ProblemFile naming what it is;
 * nothing here blocks, reads past the size limit, or throws for a file's sake.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ConfFileInfo, ConfIssue, PluginConf, ProblemFile, ProblemKind } from '../types.js';
import { errnoCode, explainErrno } from './errno.js';
import { describeFileType } from './fileType.js';
import { parsePconf } from './parse.js';
import { displayName, formatBytes } from './safeText.js';

export const DEFAULT_MAX_PCONF_BYTES = 1024 * 1024;

export type PconfRead =
  | { kind: 'ok'; conf: PluginConf; warnings: ConfIssue[]; file: ConfFileInfo; raw: Buffer }
  | {
      kind: 'problem';
      problem: ProblemFile;
      /** Empty or truncated JSON: most likely still being written, so re-read before reporting. */
      incomplete: boolean;
      /** The file is not there (ENOENT, ENOTDIR): the caller may treat it as removed. */
      missing?: boolean;
      file?: ConfFileInfo;
      raw?: Buffer;
    };

export interface ReadPconfOptions {
  /** Larger files are refused unread (`too-large`). Default 1 MiB. */
  maxBytes?: number;
}

function fileInfo(path: string, stats: Stats): ConfFileInfo {
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

export async function readPconfFile(path: string, opts: ReadPconfOptions = {}): Promise<PconfRead> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PCONF_BYTES;
  const name = displayName(path);
  const problem = (kind: ProblemKind, reason: string): ProblemFile => ({
    path,
    fileName: basename(path),
    kind,
    reason: `${name} ${reason}`,
  });
  const tooLarge = (size: string, file: ConfFileInfo): PconfRead => ({
    kind: 'problem',
    problem: problem('too-large', `is ${size}, more than the ${formatBytes(maxBytes)} a .pconf may have`),
    incomplete: false,
    file,
  });

  let handle: FileHandle | undefined;
  try {
    const what = await notRegular(path);
    if (what !== null) {
      return {
        kind: 'problem',
        problem: problem('not-regular', `${what}, not a regular file`),
        incomplete: false,
      };
    }
    // O_NONBLOCK: should the file be swapped for a FIFO after the check, open still returns at once.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = await handle.stat();
    const file = fileInfo(path, stats);
    if (!stats.isFile()) {
      const reason = `is ${describeFileType(stats)}, not a regular file`;
      return { kind: 'problem', problem: problem('not-regular', reason), incomplete: false, file };
    }
    if (stats.size > maxBytes) return tooLarge(formatBytes(stats.size), file);
    const raw = await readAtMost(handle, maxBytes, stats.size);
    if (raw === null) return tooLarge(`more than ${formatBytes(maxBytes)} (it grew while being read)`, file);
    const parsed = parsePconf(raw, path);
    if (parsed.ok) return { kind: 'ok', conf: parsed.conf, warnings: parsed.warnings, file, raw };
    const { message, line, column } = parsed.error;
    return {
      kind: 'problem',
      problem: { path, fileName: basename(path), kind: 'invalid', reason: message, line, column },
      incomplete: parsed.incomplete,
      file,
      raw,
    };
  } catch (err) {
    const code = errnoCode(err);
    if (code === undefined) throw err;
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    const reason = missing ? `does not exist: ${explainErrno(err)}` : `cannot be read: ${explainErrno(err)}`;
    return { kind: 'problem', problem: problem('unreadable', reason), incomplete: false, missing };
  } finally {
    await handle?.close();
  }
}
