/** Facts about a file, in words and notation a person reads: its kind and its permission bits. */
import type { Stats } from 'node:fs';

/** What kind of file this is, e.g. "a FIFO (named pipe)". */
export function describeFileType(stats: Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'an unknown kind of file';
}

/** Permission bits as octal text, e.g. "0600". */
export function octalMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}
