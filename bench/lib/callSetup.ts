/**
 * Starts the plugin server (SDK plugins) and the baseline server as two child processes, and a
 * registry that has started the plugins.
 */
import { join } from 'node:path';
import { openRegistry, type PluginRegistry } from '../../src/core/registry/index.js';
import type { BaselineServerReady } from '../servers/baselineServer.js';
import type { PluginServerReady } from '../servers/pluginServer.js';
import { startChild } from './childProcess.js';

export interface CallSetup {
  plugins: PluginServerReady;
  baselines: BaselineServerReady;
  registry: PluginRegistry;
  /** Process ids of the plugin server and the baseline server. */
  pids: { plugins: number; baselines: number };
  /** Socket of a started plugin, for the bare clients. */
  sockOf(id: string): string;
  close(): Promise<void>;
}

export async function startCallSetup(dir: string, plugins: number): Promise<CallSetup> {
  const children = [
    startChild('pluginServer', 'servers/pluginServer.js', [dir, String(plugins)]),
    startChild('baselineServer', 'servers/baselineServer.js', [dir]),
  ] as const;
  const stopChildren = (): Promise<unknown> => Promise.all(children.map((child) => child.stop()));
  let registry: PluginRegistry | undefined;
  try {
    const served = await children[0].message<PluginServerReady>(20_000);
    const baselines = await children[1].message<BaselineServerReady>(20_000);
    registry = await openRegistry({ folders: [join(dir, 'plugins')] });
    await registry.whenIdle();
    const opened = registry;
    const notStarted = [...served.plugins, served.notifier].filter(
      (id) => opened.get(id)?.state !== 'started',
    );
    if (notStarted.length > 0) throw new Error(`plugins not started: ${notStarted.join(', ')}`);
    return {
      plugins: served,
      baselines,
      registry: opened,
      pids: { plugins: children[0].pid, baselines: children[1].pid },
      sockOf: (id) => opened.get(id)?.sock ?? '',
      close: async () => {
        await opened.close();
        await stopChildren();
      },
    };
  } catch (err) {
    await registry?.close();
    await stopChildren();
    throw err;
  }
}
