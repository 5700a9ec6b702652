/** Whether a process exists, for the start lock (SDK) and the registry (who runs a plugin). */
import { errnoCode } from './files/errno.js';

/** True when a process with this pid exists, one of another user's included (EPERM). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, as another user's.
    return errnoCode(err) === 'EPERM';
  }
}
