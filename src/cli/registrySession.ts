/**
 * How a one-shot command uses the registry: no watcher, one scan of the folders, the plugin
 * activated on demand, and everything closed afterwards whatever happens.
 */
import { openRegistry, type PluginRegistry } from '../core/registry/index.js';
import type { PluginSnapshot } from '../core/types.js';

export async function withRegistry<T>(
  folders: string[],
  work: (registry: PluginRegistry) => Promise<T>,
  request?: { timeoutMs?: number },
): Promise<T> {
  const registry = await openRegistry({ folders, autoDiscover: false, request });
  try {
    await registry.rescan();
    return await work(registry);
  } finally {
    await registry.close();
  }
}

/** Activates the plugin unless this registry already did (a lazy plugin is started here too). */
export async function ensureStarted(registry: PluginRegistry, id: string): Promise<PluginSnapshot> {
  const plugin = registry.get(id);
  return plugin?.state === 'started' ? plugin : registry.start(id);
}
