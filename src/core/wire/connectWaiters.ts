/**
 * The connect deadlines of a client's pooled calls that are not on a socket yet: a socket being
 * opened for them gets the strictest. Counted by value, so calls with the same deadline (most
 * calls: the client's default) share one entry, kept at zero when none waits: a call allocates
 * nothing here (deleting and adding a Map key on every call rebuilt its table every few calls).
 */
export class ConnectWaiters {
  private readonly counts = new Map<number, number>();

  constructor(private readonly fallbackMs: number) {}

  add(connectTimeoutMs: number): void {
    this.counts.set(connectTimeoutMs, (this.counts.get(connectTimeoutMs) ?? 0) + 1);
  }

  delete(connectTimeoutMs: number): void {
    this.counts.set(connectTimeoutMs, (this.counts.get(connectTimeoutMs) ?? 1) - 1);
  }

  /** The strictest deadline among the waiting calls; the client's default when none waits. */
  strictest(): number {
    let strictest = Infinity;
    for (const [ms, count] of this.counts) if (count > 0) strictest = Math.min(strictest, ms);
    return strictest === Infinity ? this.fallbackMs : strictest;
  }
}
