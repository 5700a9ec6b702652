/**
 * Console requests in flight, by the id the page chose, so that a person can cancel one (Cancel,
 * Escape) while it runs: its AbortSignal goes to the wire client, which closes the plugin's
 * connection. Bounded: a page cannot make the service keep an unlimited number of them.
 */
import { ServiceError } from './apiError.js';

/** More console requests than a person starts at once; a runaway page is refused here. */
export const MAX_IN_FLIGHT = 256;

/**
 * Cancels remembered for requests not begun yet: over HTTP a small cancel can overtake its large
 * execute (another connection). Ids are random, so one that never comes only takes a slot.
 */
const MAX_EARLY_CANCELS = 256;

export class InFlightRequests {
  readonly #controllers = new Map<string, AbortController>();
  /** Insertion order is age: the oldest is forgotten first. */
  readonly #earlyCancels = new Set<string>();

  /**
   * Registers a request; the returned signal aborts when it is cancelled. Throws INVALID_REQUEST
   * for an id already in flight, and when MAX_IN_FLIGHT are.
   */
  begin(requestId: string): AbortSignal {
    if (this.#controllers.has(requestId)) {
      throw new ServiceError(
        'INVALID_REQUEST',
        `Invalid execute request: requestId ${JSON.stringify(requestId)} is already in flight`,
      );
    }
    if (this.#controllers.size >= MAX_IN_FLIGHT) {
      throw new ServiceError(
        'INVALID_REQUEST',
        `Invalid execute request: ${MAX_IN_FLIGHT} console requests are already in flight`,
        'Wait for some to finish, or cancel them, then send again.',
      );
    }
    const controller = new AbortController();
    this.#controllers.set(requestId, controller);
    if (this.#earlyCancels.delete(requestId)) controller.abort(cancelled());
    return controller.signal;
  }

  /** The request finished (answered, failed or cancelled). */
  end(requestId: string): void {
    this.#controllers.delete(requestId);
  }

  /**
   * Cancels it; false when no such request is in flight (it had already finished, or has not
   * begun yet: then it is cancelled as it begins).
   */
  cancel(requestId: string): boolean {
    const controller = this.#controllers.get(requestId);
    if (controller === undefined) {
      this.#earlyCancels.add(requestId);
      for (const oldest of this.#earlyCancels) {
        if (this.#earlyCancels.size <= MAX_EARLY_CANCELS) break;
        this.#earlyCancels.delete(oldest);
      }
      return false;
    }
    this.#controllers.delete(requestId);
    controller.abort(cancelled());
    return true;
  }
}

function cancelled(): ServiceError {
  return new ServiceError('CANCELLED', 'The request was cancelled');
}
