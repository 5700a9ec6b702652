/**
 * Notifications waiting for a host's `RegisterCallback` long-poll, per callback name.
 *
 * The Go plugin drops a notification when no long-poll is pending. We keep it instead, in a
 * bounded FIFO per name: when the queue is full the OLDEST item is dropped and counted, so a
 * host that stops polling cannot make the plugin grow without limit, and a notify never throws.
 * Several polls waiting on the same name are answered first come, first served.
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

export class NotificationQueue<P extends Poll = Poll> {
  readonly #max: number;
  readonly #channels = new Map<string, Channel<P>>();
  /** Names ever notified, so that a poll can tell a name in use from a Go function name. */
  readonly #notified = new Set<string>();

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
    for (let poll = channel.waiting.shift(); poll !== undefined; poll = channel.waiting.shift()) {
      if (poll.deliver(body)) return;
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
  poll(name: string, poll: P): () => void {
    const channel = this.#channel(name);
    const oldest = channel.queued[0];
    if (oldest !== undefined) {
      // A poll whose caller is already gone takes nothing: the item stays first in line.
      if (poll.deliver(oldest.body, Math.floor(performance.now() - oldest.at))) channel.queued.shift();
      return () => {};
    }
    channel.waiting.push(poll);
    return () => {
      const at = channel.waiting.indexOf(poll);
      if (at >= 0) channel.waiting.splice(at, 1);
    };
  }

  /** Removes and returns every parked poll (used when the plugin stops). */
  takeWaiting(): P[] {
    return [...this.#channels.values()].flatMap((channel) => channel.waiting.splice(0));
  }

  /** Counts a notification that could not be kept at all (e.g. sent after stop). */
  countDropped(name: string): void {
    this.#channel(name).dropped += 1;
    this.#notified.add(name);
  }

  /** Whether anything was ever notified under this name. */
  wasNotified(name: string): boolean {
    return this.#notified.has(name);
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
