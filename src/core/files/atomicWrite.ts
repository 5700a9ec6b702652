/**
 * Writes a whole file so that readers see the old file or the new one, never a mix, and a crash
 * never leaves half a file: the bytes go to a temporary name in the same folder, are flushed to
 * disk, then renamed into place. The temporary name starts with a dot and ends in `.tmp`, so a
 * folder watcher looking for `.pconf` or `.plugin.json` files ignores it until the rename.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Permission bits of a new file, before the umask. Default 0o600: only the user reads it. */
  mode?: number;
  /** Create the folder (and its parents, mode 0o700) when it is missing. Default false. */
  createFolder?: boolean;
  /**
   * Give the new file exactly these permission bits (the umask does not apply) and this owner,
   * before it replaces the old one: an edit keeps the file's owner and mode. Fails (EPERM) when
   * we may not give that owner, rather than leaving the file with another.
   */
  keep?: { mode: number; uid: number; gid: number };
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const folder = dirname(path);
  if (options.createFolder) await mkdir(folder, { recursive: true, mode: 0o700 });
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o600);
    try {
      await handle.writeFile(data);
      if (options.keep) {
        // chown first: it may clear the set-id bits, which chmod then sets as they were.
        await handle.chown(options.keep.uid, options.keep.gid);
        await handle.chmod(options.keep.mode & 0o7777);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
