/**
 * Notifications waiting for a host's `RegisterCallback` long-poll, per callback name.
 *
 * The Go plugin drops a notification when no long-poll is pending. We keep it instead, in a
 * bounded FIFO per name: when the queue is full the OLDEST item is dropped and counted, so a
 * host that stops polling cannot make the plugin grow without limit, and a notify never throws.
 * Several polls waiting on the same name are answered first come, first served.
 *
 * A poll may name a fallback (a Go host's `main.tick` falls back to `tick`): it takes the
 * fallback's notifications as long as nothing was ever notified under its own name. Decided at
 * each delivery, so a plugin that notifies under the Go name itself is served either way.
 */

/**
 * A parked long-poll. `deliver` returns false if its caller is gone (nothing was sent);
 * `queuedMs` is how long the notification waited in the queue, absent when a poll was waiting.
 */
export interface Poll {
  deliver(body: Buffer, queuedMs?: number): boolean;
}

interface Queued {
  body: Buffer;
  /** performance.now() when it was queued. */
  at: number;
}

export const DEFAULT_MAX_QUEUED_NOTIFICATIONS = 10_000;

interface Channel<P extends Poll> {
  queued: Queued[];
  waiting: P[];
  dropped: number;
}

/** Polls parked under a name that falls back to another, by that other name. */
type Fallbacks = Map<string, Set<string>>;

export class NotificationQueue<P extends Poll = Poll> {
  readonly #max: number;
  readonly #channels = new Map<string, Channel<P>>();
  /** Names ever notified, so that a poll can tell a name in use from a Go function name. */
  readonly #notified = new Set<string>();
  readonly #fallbacks: Fallbacks = new Map();

  constructor(maxQueued = DEFAULT_MAX_QUEUED_NOTIFICATIONS) {
    if (!Number.isInteger(maxQueued) || maxQueued < 1) {
      throw new RangeError(`maxQueuedNotifications must be a positive integer, got ${String(maxQueued)}`);
    }
    this.#max = maxQueued;
  }

  /** Delivers to the oldest waiting poll, or queues (dropping the oldest item when full). */
  push(name: string, body: Buffer): void {
    const channel = this.#channel(name);
    this.#notified.add(name);
    if (deliverToFirst(channel.waiting, body)) return;
    for (const other of this.#fallbacks.get(name) ?? []) {
      const waiting = this.#channels.get(other)?.waiting ?? [];
      if (!this.#notified.has(other) && deliverToFirst(waiting, body)) return;
    }
    if (channel.queued.length >= this.#max) {
      channel.queued.shift();
      channel.dropped += 1;
    }
    channel.queued.push({ body, at: performance.now() });
  }

  /**
   * A poll arrived: answers it at once with the oldest queued item, or parks it.
   * Returns a function that forgets the parked poll (call it when its connection closes).
   */
  poll(name: string, poll: P, fallback?: string): () => void {
    const channel = this.#channel(name);
    const source = channel.queued.length > 0 || fallback === undefined || this.#notified.has(name)
      ? channel
      : this.#channels.get(fallback);
    const oldest = source?.queued[0];
    if (source !== undefined && oldest !== undefined) {
      // A poll whose caller is already gone takes nothing: the item stays first in line.
      if (poll.deliver(oldest.body, Math.floor(performance.now() - oldest.at))) source.queued.shift();
      return () => {};
    }
    channel.waiting.push(poll);
    if (fallback !== undefined) {
      const names = this.#fallbacks.get(fallback) ?? new Set<string>();
      this.#fallbacks.set(fallback, names.add(name));
    }
    return () => {
      const at = channel.waiting.indexOf(poll);
      if (at >= 0) channel.waiting.splice(at, 1);
      if (channel.waiting.length === 0 && fallback !== undefined) this.#fallbacks.get(fallback)?.delete(name);
    };
  }

  /** Removes and returns every parked poll (used when the plugin stops). */
  takeWaiting(): P[] {
    this.#fallbacks.clear();
    return [...this.#channels.values()].flatMap((channel) => channel.waiting.splice(0));
  }

  /** Counts a notification that could not be kept at all (e.g. sent after stop). */
  countDropped(name: string): void {
    this.#channel(name).dropped += 1;
    this.#notified.add(name);
  }

  dropped(name: string): number {
    return this.#channels.get(name)?.dropped ?? 0;
  }

  queued(name: string): number {
    return this.#channels.get(name)?.queued.length ?? 0;
  }

  waiting(name: string): number {
    return this.#channels.get(name)?.waiting.length ?? 0;
  }

  #channel(name: string): Channel<P> {
    let channel = this.#channels.get(name);
    if (channel === undefined) {
      channel = { queued: [], waiting: [], dropped: 0 };
      this.#channels.set(name, channel);
    }
    return channel;
  }
}

/** Hands `body` to the oldest poll whose caller is still there; false when none took it. */
function deliverToFirst(waiting: Poll[], body: Buffer): boolean {
  for (let poll = waiting.shift(); poll !== undefined; poll = waiting.shift()) {
    if (poll.deliver(body)) return true;
  }
  return false;
}
