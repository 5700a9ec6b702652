/**
 * The connect deadlines of a client's pooled calls that are not on a socket yet: a socket being
 * opened for them gets the strictest. Counted by value, so calls with the same deadline (most
 * calls: the client's default) share one entry and a call adds nothing of its own.
 */
export class ConnectWaiters {
  private readonly counts = new Map<number, number>();

  constructor(private readonly fallbackMs: number) {}

  add(connectTimeoutMs: number): void {
    this.counts.set(connectTimeoutMs, (this.counts.get(connectTimeoutMs) ?? 0) + 1);
  }

  delete(connectTimeoutMs: number): void {
    const count = this.counts.get(connectTimeoutMs) ?? 0;
    if (count > 1) this.counts.set(connectTimeoutMs, count - 1);
    else this.counts.delete(connectTimeoutMs);
  }

  /** The strictest deadline among the waiting calls; the client's default when none waits. */
  strictest(): number {
    let strictest = Infinity;
    for (const ms of this.counts.keys()) strictest = Math.min(strictest, ms);
    return strictest === Infinity ? this.fallbackMs : strictest;
  }
}
