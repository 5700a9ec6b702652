/**
 * The deadlines of the exchanges in flight, kept by one timer for the whole process instead of a
 * timer per call. A call's own setTimeout/clearTimeout pair, and the closure it holds, were a
 * large part of what a call allocated (docs/PERFORMANCE.md). Calls are mostly given the same
 * deadline, so a later call's deadline is mostly later: the timer is set again only when a new
 * deadline comes before the one it waits for, and when it fires early (the call it waited for
 * is done) it looks at the calls in flight once and waits for the earliest again.
 *
 * The timer does not keep the process alive: a call in flight does, by its socket.
 */

export interface Expiring {
  /** performance.now() time after which the call has failed. */
  readonly deadline: number;
  /** The deadline has passed: fail the call. */
  expire(): void;
}

class Deadlines {
  private readonly pending = new Set<Expiring>();
  private timer: NodeJS.Timeout | undefined;
  /** When the timer fires; Infinity when it is not set. */
  private armedFor = Infinity;

  add(call: Expiring): void {
    this.pending.add(call);
    if (call.deadline < this.armedFor) this.arm(call.deadline);
  }

  delete(call: Expiring): void {
    this.pending.delete(call);
  }

  private arm(at: number): void {
    clearTimeout(this.timer);
    this.armedFor = at;
    // Timers count whole milliseconds: rounded up, so the timer never fires before `at`.
    this.timer = setTimeout(this.fire, Math.max(1, Math.ceil(at - performance.now())));
    this.timer.unref();
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const call of this.pending) {
      if (call.deadline <= now) {
        this.pending.delete(call);
        call.expire();
      } else if (call.deadline < next) next = call.deadline;
    }
    if (next < this.armedFor) this.arm(next);
  };
}

export const deadlines = new Deadlines();
