/**
 * System errors in words a person understands, with the code kept for searching, e.g.
 * "permission denied (EACCES)". Used for files and sockets alike.
 */
import { getSystemErrorMap } from 'node:util';

const WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many levels of symbolic links (a symlink loop?)',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'input/output error (a failing disk or network filesystem?)',
  EMFILE: 'too many open files in this process',
  ENFILE: 'too many open files on this system',
  ENXIO: 'no such device or address',
  ECONNREFUSED: 'connection refused (nothing is listening on the socket)',
  ENOTSOCK: 'not a socket',
  ECONNRESET: 'the connection was reset',
};

export function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function explainErrno(err: unknown): string {
  const code = errnoCode(err);
  const errno = (err as { errno?: unknown } | null)?.errno;
  const words =
    (code && WORDS[code]) ??
    (typeof errno === 'number' ? getSystemErrorMap().get(errno)?.[1] : undefined) ??
    (err instanceof Error ? err.message : String(err));
  return code ? `${words} (${code})` : words;
}
