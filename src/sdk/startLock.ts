/**
 * Held while a plugin clears a stale socket and listens: two copies of one plugin starting at once
 * would otherwise both find the stale socket, and the later one could remove the earlier one's
 * fresh socket, leaving a copy that thinks it serves but that nobody can reach. The lock is a
 * dot-file beside the socket holding the starter's pid; one left by a copy that died while
 * starting is taken over.
 */
import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GoPlugError } from '../core/errors.js';
import { isAlive } from '../core/processAlive.js';
import { errnoCode, explainErrno } from '../core/files/errno.js';

/** Runs `work` holding the start lock of `sock`; ALREADY_STARTED when a live process holds it. */
export async function withStartLock<T>(sock: string, work: () => Promise<T>): Promise<T> {
  const lock = join(dirname(sock), `.${basename(sock)}.lock`);
  await take(lock, sock);
  try {
    return await work();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

async function take(lock: string, sock: string): Promise<void> {
  // Written whole under a name of its own, then linked into place: link() fails if the lock
  // exists, and the lock is never seen without its pid.
  const draft = `${lock}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(draft, String(process.pid), { mode: 0o600 }).catch((err: unknown) => {
    // The first thing a start writes in the folder: say so plainly when the folder refuses it.
    throw new GoPlugError(
      'CONFIG_INVALID',
      `Cannot start on ${sock}: cannot write in ${dirname(sock)}: ${explainErrno(err)}`,
      {
        cause: err,
        hint: 'Start the plugin in a folder this user can write to.',
      },
    );
  });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(draft, lock);
        return;
      } catch (err) {
        if (errnoCode(err) !== 'EEXIST') throw err;
        const holder = Number(await readFile(lock, 'utf8').catch(() => ''));
        if (attempt > 0 || isAlive(holder)) {
          throw new GoPlugError(
            'ALREADY_STARTED',
            `Another copy of this plugin${isAlive(holder) ? ` (pid ${holder})` : ''} is starting on ${sock} right now; refusing to start a second one`,
            { hint: `Stop the other copy first. If none runs, remove ${lock}.` },
          );
        }
        // Left by a copy that died while starting.
        await unlink(lock).catch(() => undefined);
      }
    }
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}
