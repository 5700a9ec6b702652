/** Starts servers/callServer.js and an open registry that has started its plugins. */
import { join } from 'node:path';
import { openRegistry, type PluginRegistry } from '../../src/core/registry/index.js';
import type { CallServerReady } from '../servers/callServer.js';
import { startChild } from './childProcess.js';

export interface CallSetup {
  ready: CallServerReady;
  registry: PluginRegistry;
  /** Socket of an echo plugin, for the bare clients. */
  sockOf(id: string): string;
  close(): Promise<void>;
}

export async function startCallSetup(dir: string, plugins: number): Promise<CallSetup> {
  const child = startChild('callServer', 'servers/callServer.js', [dir, String(plugins)]);
  let registry: PluginRegistry | undefined;
  try {
    const ready = await child.message<CallServerReady>(20_000);
    registry = await openRegistry({ folders: [join(dir, 'plugins')] });
    await registry.whenIdle();
    const opened = registry;
    const notStarted = [...ready.plugins, ready.notifier].filter((id) => opened.get(id)?.state !== 'started');
    if (notStarted.length > 0) throw new Error(`plugins not started: ${notStarted.join(', ')}`);
    return {
      ready,
      registry: opened,
      sockOf: (id) => opened.get(id)?.sock ?? '',
      close: async () => {
        await opened.close();
        await child.stop();
      },
    };
  } catch (err) {
    await registry?.close();
    await child.stop();
    throw err;
  }
}
