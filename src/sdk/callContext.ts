/**
 * The context a method handler gets. A class, not an object literal: a literal with a getter
 * is created on V8's slow path in old space, and its pointers to the call's young objects then
 * kept those alive through every scavenge (measured: 2x the server's CPU per small call).
 * The abort signal is made only when the handler reads it: most never do, and an
 * AbortController costs more than the rest of a small call. One read after the abort gets it
 * already aborted, with the reason.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { MethodContext } from './plugin.js';

export class CallContext implements MethodContext {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;

  constructor(method: string, headers: IncomingHttpHeaders) {
    this.method = method;
    this.headers = headers;
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** For the plugin (handlers see MethodContext, without it): the caller hung up or the plugin stops. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }
}
