/**
 * One HTTP exchange with a plugin over an undici dispatcher: sends `POST <path>`, collects the
 * answer, and enforces the call's deadline, its cancel signal and the response size limit.
 * A dispatch handler rather than `request()` so the size check happens on each chunk as it
 * arrives and a refused answer drops its connection at once (memory stays bounded).
 *
 * A call allocates little, which is what keeps its latency's tail short (docs/PERFORMANCE.md):
 * the exchange is one object that is the dispatch handler, the abort listener (`handleEvent`) and
 * the progress its errors report; its deadline is kept by the shared timer of deadlines.ts.
 */
import type { Dispatcher } from 'undici';
import type { ConnectWaiters } from './connectWaiters.js';
import { deadlines, type Expiring } from './deadlines.js';
import type { CallLimits } from './limits.js';
import type { WireResponse } from './types.js';
import { timeoutError, toWireError, tooLargeError, type ExchangeProgress } from './wireErrors.js';

/** What stays the same for every call to one plugin. */
export interface ExchangeTarget {
  /** The plugin id or Url, for messages. */
  plugin: string;
  sock: string;
  /** Request headers without a body (`Host:` alone), and with one (plus `Content-Type`). */
  headers: Record<string, string>;
  bodyHeaders: Record<string, string>;
}

export interface ExchangeRequest {
  /** The plugin method, for messages (e.g. `main.Do`, `Activate`). */
  method: string;
  /** Request path, already validated and encoded. */
  path: string;
  /** Undefined: no body at all (`Content-Length: 0`, no `Content-Type`), as the Go host sends. */
  body: Buffer | undefined;
  signal?: AbortSignal | undefined;
  /** Replaces the target's Content-Type for a request with a body. */
  contentType?: string | undefined;
  /** Told when the call is on a connected socket, or done without one (pooled calls). */
  waiters?: ConnectWaiters | undefined;
}

const EMPTY = Buffer.alloc(0);

/** setTimeout cannot wait longer; a deadline beyond it (~24.8 days) means no deadline. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function exchange(
  dispatcher: Dispatcher,
  target: ExchangeTarget,
  req: ExchangeRequest,
  limits: CallLimits,
): Promise<WireResponse> {
  return new Promise<WireResponse>((resolve, reject) => {
    if (req.signal?.aborted) {
      reject(req.signal.reason);
      return;
    }
    const call = new Exchange(target, req, limits, resolve, reject);
    try {
      dispatcher.dispatch(
        {
          method: 'POST',
          path: req.path,
          headers: bodyHeaders(target, req),
          body: req.body ?? null,
        },
        call,
      );
    } catch (err) {
      call.settle(toWireError(err, call));
    }
  });
}

function bodyHeaders(target: ExchangeTarget, req: ExchangeRequest): Record<string, string> {
  if (req.body === undefined) return target.headers;
  return req.contentType === undefined ? target.bodyHeaders : { ...target.bodyHeaders, 'content-type': req.contentType };
}

class Exchange implements Dispatcher.DispatchHandler, ExchangeProgress, Expiring {
  readonly plugin: string;
  readonly method: string;
  readonly sock: string;
  onSocket = false;
  headersReceived = false;
  bodyBytes = 0;
  declaredBytes: number | undefined = undefined;
  readonly deadline: number;
  previousPending: Expiring | undefined = undefined;
  nextPending: Expiring | undefined = undefined;
  private readonly startedAt = performance.now();
  private status = 0;
  private headers: Record<string, string> | undefined;
  /** The body: its first chunk alone (most answers), or all of them once a second one comes. */
  private firstChunk: Buffer | undefined = undefined;
  private chunks: Buffer[] | undefined = undefined;
  private controller: Dispatcher.DispatchController | undefined;
  private failure: Error | undefined;
  private done = false;

  constructor(
    target: ExchangeTarget,
    private readonly req: ExchangeRequest,
    private readonly limits: CallLimits,
    private readonly resolve: (response: WireResponse) => void,
    private readonly reject: (err: unknown) => void,
  ) {
    this.plugin = target.plugin;
    this.method = req.method;
    this.sock = target.sock;
    this.deadline = limits.timeoutMs <= MAX_TIMER_MS ? this.startedAt + limits.timeoutMs : Infinity;
    if (this.deadline !== Infinity) deadlines.add(this);
    req.signal?.addEventListener('abort', this, { once: true });
    req.waiters?.add(limits.connectTimeoutMs);
  }

  settle(err: unknown): void {
    if (this.done) return;
    this.done = true;
    if (this.deadline !== Infinity) deadlines.delete(this);
    this.req.signal?.removeEventListener('abort', this);
    if (!this.onSocket) this.req.waiters?.delete(this.limits.connectTimeoutMs);
    if (err !== undefined) {
      // Undici may hold this handler until the socket is gone: let the partial body go now.
      this.firstChunk = this.chunks = undefined;
      this.reject(err);
    } else {
      const body = this.chunks ? Buffer.concat(this.chunks, this.bodyBytes) : (this.firstChunk ?? EMPTY);
      this.resolve({
        status: this.status,
        headers: this.headers ?? {},
        body,
        durationMs: performance.now() - this.startedAt,
      });
    }
  }

  /** Ends the exchange from our side: settles now and drops the request (and its socket). */
  private fail(err: Error, rejection: unknown = err): void {
    if (this.done) return;
    this.failure = err;
    this.settle(rejection);
    this.controller?.abort(err);
  }

  expire(): void {
    this.fail(timeoutError(this, this.limits.timeoutMs));
  }

  /** The call's signal aborted (EventTarget calls this: no closure per call). */
  handleEvent(): void {
    const reason: unknown = this.req.signal?.reason;
    this.fail(
      reason instanceof Error ? reason : new DOMException('The call was cancelled', 'AbortError'),
      reason,
    );
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.failure !== undefined) {
      // The deadline or a cancel came while the request waited in the queue.
      controller.abort(this.failure);
      return;
    }
    this.onSocket = true;
    this.req.waiters?.delete(this.limits.connectTimeoutMs);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    rawHeaders: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200) return; // a 1xx interim answer carries no result
    this.status = statusCode;
    const headers = flattenHeaders(rawHeaders);
    this.headers = headers;
    this.headersReceived = true;
    const declared = headers['content-length'];
    if (declared !== undefined) this.declaredBytes = Number(declared);
    if ((this.declaredBytes ?? 0) > this.limits.maxResponseBytes)
      this.fail(tooLargeError(this, this.limits.maxResponseBytes));
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.done) return; // data already in flight when the exchange failed
    this.bodyBytes += chunk.length;
    if (this.bodyBytes > this.limits.maxResponseBytes)
      this.fail(tooLargeError(this, this.limits.maxResponseBytes));
    else if (this.firstChunk === undefined) this.firstChunk = chunk;
    else (this.chunks ??= [this.firstChunk]).push(chunk);
  }

  onResponseEnd(): void {
    this.settle(undefined);
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.settle(toWireError(err, this));
  }
}

/** Lower-case names (undici gives them so); repeated headers joined as HTTP allows. */
function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
