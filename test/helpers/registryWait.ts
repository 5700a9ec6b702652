import type { PluginRegistry } from '../../src/core/registry/index.js';
import type { PluginState, RegistryEvent } from '../../src/core/types.js';
import { waitUntil } from './waitUntil.js';

/** Resolves with the first registry event that matches, or fails after the deadline (a hang guard). */
export function waitForEvent(
  registry: PluginRegistry,
  match: (event: RegistryEvent) => boolean,
  timeoutMs = 10_000,
): Promise<RegistryEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stopListening();
      reject(new Error(`no matching registry event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: RegistryEvent) => {
      if (!match(event)) return;
      clearTimeout(timer);
      stopListening();
      resolve(event);
    };
    const stopListening = registry.on('event', listener);
  });
}

/** Polls until the plugin is in the state (or gone, for `undefined`), failing after the deadline. */
export async function waitForState(
  registry: PluginRegistry,
  id: string,
  state: PluginState | undefined,
  timeoutMs = 10_000,
): Promise<void> {
  await waitUntil(() => registry.get(id)?.state === state, `${id} to be ${state ?? 'gone'}`, timeoutMs);
}
