/**
 * Reads of conf files, one at a time per path: a change that lands during a read triggers one
 * more read after it, never two reads racing. A half-written file is read again once it has had
 * time to settle, instead of being reported broken at once.
 */
export class PathReads {
  private readonly reading = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly settling = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly read: (path: string, settled: boolean) => Promise<void>,
    private readonly settleMs: number,
  ) {}

  /** Reads the path now, or once more after the read under way. */
  refresh(path: string, settled = false): Promise<void> {
    const pending = this.reading.get(path);
    if (pending) {
      pending.again = true;
      return pending.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.read(path, settled);
        } while (state.again && !this.closed);
      } finally {
        this.reading.delete(path);
      }
    })();
    this.reading.set(path, state);
    return state.done;
  }

  /** Reads the path again, as settled, after the settle time (unless something reads it first). */
  settleLater(path: string): void {
    this.cancelSettle(path);
    const timer = setTimeout(() => {
      this.settling.delete(path);
      void this.refresh(path, true);
    }, this.settleMs);
    timer.unref();
    this.settling.set(path, timer);
  }

  cancelSettle(path: string): void {
    clearTimeout(this.settling.get(path));
    this.settling.delete(path);
  }

  /** The reads under way (for whenIdle). */
  inFlight(): Promise<void>[] {
    return [...this.reading.values()].map((r) => r.done);
  }

  /** No more settling re-reads; waits for the reads under way. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.settling.values()) clearTimeout(timer);
    this.settling.clear();
    await Promise.all(this.inFlight());
  }
}
