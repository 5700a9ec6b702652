/**
 * Groups Studio events into batches, one every `intervalMs`, so that a thousand plugins changing
 * at once cost the window a few messages instead of thousands.
 *
 * Coalescing: a plugin's state events (discovered ... removed) carry its whole snapshot, so only
 * the newest one per plugin is kept in a batch (moved to the end, after whatever came before it);
 * the same for `settings`. A `changed` in the state a transition just reached (its origin filled in
 * just after `started`) keeps the transition's name with the newer snapshot: the page
 * logs `started` and clears the row's last failure on it. Everything else (notifications, errors, warnings, problems, notices)
 * is never dropped or merged.
 *
 * Bound: at most `maxPending` events wait at any time (default DEFAULT_MAX_PENDING); reaching it
 * flushes at once instead of waiting for the timer, so a listener that falls behind (or an event
 * loop blocked by one) never lets the queue grow without limit and still loses nothing.
 * `stats()` reports how many events were coalesced and how often the bound forced a flush.
 */
import type { EventBatch, StudioEvent } from '../shared/contract.js';
import { isPluginEvent } from '../shared/events.js';

export const DEFAULT_MAX_PENDING = 10_000;

export interface BatcherStats {
  batches: number;
  events: number;
  /** Events replaced by a newer one of the same plugin (or settings) before they were sent. */
  coalesced: number;
  /** Flushes forced by reaching maxPending before the timer. */
  earlyFlushes: number;
}

export interface EventBatcherOptions {
  intervalMs: number;
  maxPending?: number;
  deliver: (batch: EventBatch) => void;
}

export class EventBatcher {
  readonly #intervalMs: number;
  readonly #maxPending: number;
  readonly #deliver: (batch: EventBatch) => void;
  /** Pending events in order; a coalesced one leaves an empty slot behind. */
  #slots: Array<StudioEvent | undefined> = [];
  readonly #slotOf = new Map<string, number>();
  #pending = 0;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #stats: BatcherStats = { batches: 0, events: 0, coalesced: 0, earlyFlushes: 0 };

  constructor(options: EventBatcherOptions) {
    this.#intervalMs = options.intervalMs;
    this.#maxPending = Math.max(1, options.maxPending ?? DEFAULT_MAX_PENDING);
    this.#deliver = options.deliver;
  }

  push(news: StudioEvent): void {
    if (this.#closed) return;
    let event = news;
    const key = coalesceKey(event);
    if (key !== undefined) {
      const previous = this.#slotOf.get(key);
      if (previous !== undefined) {
        event = keepTransition(this.#slots[previous], event);
        this.#slots[previous] = undefined;
        this.#pending -= 1;
        this.#stats.coalesced += 1;
      }
      this.#slotOf.set(key, this.#slots.length);
    }
    this.#slots.push(event);
    this.#pending += 1;
    if (this.#slots.length > 2 * this.#maxPending) this.#compact();
    if (this.#pending >= this.#maxPending) {
      this.#stats.earlyFlushes += 1;
      this.flush();
    } else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => this.flush(), this.#intervalMs);
    }
  }

  /** Delivers what is pending now (nothing when nothing is). */
  flush(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#pending === 0) return;
    const batch = this.#slots.filter((event): event is StudioEvent => event !== undefined);
    this.#slots = [];
    this.#slotOf.clear();
    this.#pending = 0;
    this.#stats.batches += 1;
    this.#stats.events += batch.length;
    this.#deliver(batch);
  }

  /** Drops the empty slots that coalescing left, so one plugin changing a million times stays small. */
  #compact(): void {
    this.#slots = this.#slots.filter((event) => event !== undefined);
    this.#slotOf.clear();
    this.#slots.forEach((event, index) => {
      const key = event === undefined ? undefined : coalesceKey(event);
      if (key !== undefined) this.#slotOf.set(key, index);
    });
  }

  stats(): BatcherStats {
    return { ...this.#stats };
  }

  /** Delivers what is pending and accepts nothing more. */
  close(): void {
    this.flush();
    this.#closed = true;
  }
}

function coalesceKey(event: StudioEvent): string | undefined {
  if (isPluginEvent(event)) return `plugin:${event.plugin.id}`;
  return event.type === 'settings' ? 'settings' : undefined;
}

/**
 * The event that replaces `earlier`: a `changed` in the same state (a refreshed snapshot) does not
 * hide the transition it follows. A `changed` to another state is a move of its own (to Discovered).
 */
function keepTransition(earlier: StudioEvent | undefined, event: StudioEvent): StudioEvent {
  if (event.type !== 'changed' || earlier === undefined || !isPluginEvent(earlier)) return event;
  if (earlier.type === 'changed' || earlier.plugin.state !== event.plugin.state) return event;
  return { ...earlier, plugin: event.plugin };
}
