/**
 * The files a plugin process leaves behind when it is killed: its .pconf and its socket. Before a
 * launch and after an exit, they are removed, unless something still answers on the socket (then
 * they belong to a live process that is not ours, and are left alone).
 */
import { lstat, unlink } from 'node:fs/promises';
import { probeSocket, readPconfFile } from '../pconf/index.js';

export interface StaleFiles {
  /** The socket a live process answers on, when there is one (nothing was removed then). */
  live: string | null;
  removed: string[];
}

export async function removeStaleFiles(pconfPath: string): Promise<StaleFiles> {
  const read = await readPconfFile(pconfPath);
  if (read.kind === 'problem' && read.missing) return { live: null, removed: [] };
  const removed: string[] = [];
  if (read.kind === 'ok') {
    const { sock } = read.conf;
    const status = await probeSocket(sock);
    if (status.reachable === true) return { live: sock, removed: [] };
    if (status.isSocket && (await removeIf(sock, (s) => s.isSocket()))) removed.push(sock);
  }
  if (await removeIf(pconfPath, (s) => s.isFile())) removed.push(pconfPath);
  return { live: null, removed };
}

async function removeIf(
  path: string,
  isKind: (stats: Awaited<ReturnType<typeof lstat>>) => boolean,
): Promise<boolean> {
  try {
    if (!isKind(await lstat(path))) return false;
    await unlink(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
