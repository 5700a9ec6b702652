/** Waits for a registry event about one plugin id, with a deadline. */
import type { PluginRegistry } from '../../src/core/registry/index.js';
import type { RegistryEvent } from '../../src/core/types.js';

type Kind = 'started';

export class EventWaiter {
  private readonly waiting = new Map<string, () => void>();

  constructor(registry: PluginRegistry) {
    registry.on('event', (event: RegistryEvent) => {
      if (event.type !== 'started') return;
      const key = `${event.type} ${event.plugin.id}`;
      const resolve = this.waiting.get(key);
      if (resolve === undefined) return;
      this.waiting.delete(key);
      resolve();
    });
  }

  /** Register before causing the event; the promise rejects after `timeoutMs`. */
  expect(kind: Kind, id: string, timeoutMs: number): Promise<void> {
    const key = `${kind} ${id}`;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`no ${kind} event for ${id} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(key, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
