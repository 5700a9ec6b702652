/**
 * Callback subscriptions opened by the window: each gets an id, its notifications become
 * `notification` events tagged with that id (body as base64), and its end (asked for, plugin
 * stopped, registry reopened) becomes exactly one `subscription-ended` event.
 */
import { randomUUID } from 'node:crypto';
import type { PluginRegistry } from '../core/registry/index.js';
import type { Disposer } from '../core/types.js';
import type { StudioEvent } from '../shared/contract.js';
import { toApiError } from './apiError.js';

interface Open {
  pluginId: string;
  unsubscribe: Disposer;
}

export class Subscriptions {
  readonly #emit: (event: StudioEvent) => void;
  readonly #open = new Map<string, Open>();

  constructor(emit: (event: StudioEvent) => void) {
    this.#emit = emit;
  }

  /** Throws the registry's error (NOT_DISCOVERED, NOT_STARTED, ...) when it cannot subscribe. */
  add(registry: PluginRegistry, id: string, callback: string): string {
    const subscriptionId = randomUUID();
    // In the map before subscribing, in case the registry ends it at once.
    const slot: { unsubscribe?: Disposer } = {};
    this.#open.set(subscriptionId, { pluginId: id, unsubscribe: () => slot.unsubscribe?.() });
    try {
      slot.unsubscribe = this.#subscribe(registry, id, callback, subscriptionId);
    } catch (err) {
      this.#open.delete(subscriptionId);
      throw err;
    }
    return subscriptionId;
  }

  #subscribe(
    registry: PluginRegistry,
    id: string,
    callback: string,
    subscriptionId: string,
  ): Disposer {
    return registry.subscribe(
      id,
      callback,
      (body) =>
        this.#emit({
          type: 'notification',
          id,
          callback,
          subscriptionId,
          body: { base64: body.toString('base64'), size: body.length },
          at: Date.now(),
        }),
      (err) => {
        if (!this.#open.delete(subscriptionId)) return;
        this.#emit(
          err === undefined
            ? { type: 'subscription-ended', subscriptionId }
            : { type: 'subscription-ended', subscriptionId, error: toApiError(err) },
        );
      },
    );
  }

  /** Ends one subscription; an id that already ended is fine (the window may not know yet). */
  remove(subscriptionId: string): void {
    const handle = this.#open.get(subscriptionId);
    if (handle === undefined) return;
    this.#open.delete(subscriptionId);
    handle.unsubscribe();
    this.#emit({ type: 'subscription-ended', subscriptionId });
  }

  /** Ends them all, e.g. because the registry that carried them is closing. */
  removeAll(): void {
    for (const subscriptionId of [...this.#open.keys()]) this.remove(subscriptionId);
  }
}
