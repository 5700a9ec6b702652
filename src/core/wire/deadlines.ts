/**
 * The deadlines of the exchanges in flight, kept by one timer for the whole process instead of a
 * timer per call. A call's own setTimeout/clearTimeout pair, and the closure it holds, were a
 * large part of what a call allocated (docs/PERFORMANCE.md). Calls are mostly given the same
 * deadline, so a later call's deadline is mostly later: the timer is set again only when a new
 * deadline comes before the one it waits for, and when it fires early (the call it waited for
 * is done) it looks at the calls in flight once and waits for the earliest again. The calls are
 * linked through themselves: adding and removing one allocates nothing (a Set's add and delete
 * on every call rebuilt its table every few calls).
 *
 * The timer does not keep the process alive: a call in flight does, by its socket.
 */

export interface Expiring {
  /** performance.now() time after which the call has failed. */
  readonly deadline: number;
  /** The deadline has passed: fail the call. */
  expire(): void;
  /** The list's links, kept by Deadlines alone. */
  previousPending: Expiring | undefined;
  nextPending: Expiring | undefined;
}

class Deadlines {
  private first: Expiring | undefined;
  private last: Expiring | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** When the timer fires; Infinity when it is not set. */
  private armedFor = Infinity;

  add(call: Expiring): void {
    call.previousPending = this.last;
    call.nextPending = undefined;
    if (this.last === undefined) this.first = call;
    else this.last.nextPending = call;
    this.last = call;
    if (call.deadline < this.armedFor) this.arm(call.deadline);
  }

  /** Takes the call off the list (it must be on it). */
  delete(call: Expiring): void {
    const { previousPending: previous, nextPending: next } = call;
    if (previous === undefined) this.first = next;
    else previous.nextPending = next;
    if (next === undefined) this.last = previous;
    else next.previousPending = previous;
    call.previousPending = call.nextPending = undefined;
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
    let earliest = Infinity;
    // Collected first: failing one call may settle others at once, taking them off the list.
    const expired: Expiring[] = [];
    for (let call = this.first; call !== undefined; call = call.nextPending) {
      if (call.deadline <= now) expired.push(call);
      else if (call.deadline < earliest) earliest = call.deadline;
    }
    for (const call of expired) call.expire();
    if (earliest < this.armedFor) this.arm(earliest);
  };
}

export const deadlines = new Deadlines();
