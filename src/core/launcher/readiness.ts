/**
 * When a launched plugin is ready: its .pconf is in the folder under the expected name, names the
 * plugin we launched, and something accepts connections on the socket it names. (The SDK writes
 * the .pconf after it listens; other plugins may not, so the socket is checked too.) Polled, so it
 * works the same with and without a folder watcher.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { probeSocket, readPconfFile } from '../pconf/index.js';
import { formatPluginId } from '../pluginId.js';
import { LaunchFailure } from './launchFailure.js';

export interface ReadyPlugin {
  sock: string;
  url: string;
}

const POLL_MS = 50;

/**
 * Resolves once the plugin is ready; rejects with a LaunchFailure saying what was last seen when
 * the deadline passes (TIMEOUT), at once when the .pconf names another plugin (CONFIG_INVALID),
 * and with the signal's reason when it is aborted (the process exited, or a stop came).
 */
export async function whenReady(
  id: string,
  pconfPath: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ReadyPlugin> {
  const deadline = Date.now() + timeoutMs;
  let lastSeen = `${pconfPath} does not exist yet`;
  for (;;) {
    signal.throwIfAborted();
    const read = await readPconfFile(pconfPath);
    if (read.kind === 'ok') {
      const wrote = formatPluginId(read.conf.namespace, read.conf.name);
      if (wrote !== id) {
        throw new LaunchFailure(
          'CONFIG_INVALID',
          id,
          `wrote ${pconfPath} for plugin ${wrote}: name and namespace in its launch manifest must match the plugin's`,
        );
      }
      const socket = await probeSocket(read.conf.sock, Math.max(1, Math.min(1_000, deadline - Date.now())));
      if (socket.reachable === true) return { sock: read.conf.sock, url: read.conf.url };
      lastSeen = `its .pconf names ${read.conf.sock}, where ${socket.error ?? 'nothing answers'}`;
    } else if (!read.missing) {
      lastSeen = read.problem.reason;
    }
    signal.throwIfAborted();
    if (Date.now() >= deadline) {
      throw new LaunchFailure(
        'TIMEOUT',
        id,
        `was not ready within ${timeoutMs} ms (startTimeoutMs): ${lastSeen}`,
      );
    }
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())), undefined, { signal }).catch(
      () => undefined,
    );
  }
}
