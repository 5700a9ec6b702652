/**
 * One HTTP exchange with a plugin over an undici dispatcher: sends `POST <path>`, collects the
 * answer, and enforces the call's deadline, its cancel signal and the response size limit.
 * A dispatch handler rather than `request()` so the size check happens on each chunk as it
 * arrives and a refused answer drops its connection at once (memory stays bounded).
 */
import type { Dispatcher } from 'undici';
import type { CallLimits } from './limits.js';
import type { WireResponse } from './types.js';
import { timeoutError, toWireError, tooLargeError, type ExchangeProgress } from './wireErrors.js';

export interface ExchangeRequest {
  /** The plugin method, for messages (e.g. `main.Do`, `Activate`). */
  method: string;
  /** Request path, already validated and encoded. */
  path: string;
  host: string;
  /** Undefined: no body at all (`Content-Length: 0`, no `Content-Type`), as the Go host sends. */
  body: Buffer | undefined;
}

export interface ExchangeOptions extends CallLimits {
  plugin: string;
  sock: string;
  signal?: AbortSignal;
  /** Called once the request has been handed a connected socket. */
  onSocket?: () => void;
}

/** setTimeout cannot wait longer; a deadline beyond it (~24.8 days) means no deadline. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function exchange(
  dispatcher: Dispatcher,
  req: ExchangeRequest,
  o: ExchangeOptions,
): Promise<WireResponse> {
  return new Promise<WireResponse>((resolve, reject) => {
    if (o.signal?.aborted) {
      reject(o.signal.reason);
      return;
    }
    const startedAt = performance.now();
    const progress: ExchangeProgress = {
      plugin: o.plugin,
      method: req.method,
      sock: o.sock,
      onSocket: false,
      headersReceived: false,
      bodyBytes: 0,
      declaredBytes: undefined,
    };
    let status = 0;
    let headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let controller: Dispatcher.DispatchController | undefined;
    let failure: Error | undefined;
    let done = false;

    const settle = (err: unknown): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      if (err !== undefined) {
        // Undici may hold this handler until the socket is gone: let the partial body go now.
        chunks.length = 0;
        reject(err);
      } else {
        const body = Buffer.concat(chunks, progress.bodyBytes);
        resolve({ status, headers, body, durationMs: performance.now() - startedAt });
      }
    };
    /** Ends the exchange from our side: settles now and drops the request (and its socket). */
    const fail = (err: Error, rejection: unknown = err): void => {
      if (done) return;
      failure = err;
      settle(rejection);
      controller?.abort(err);
    };
    const onAbort = (): void => {
      const reason: unknown = o.signal?.reason;
      fail(
        reason instanceof Error ? reason : new DOMException('The call was cancelled', 'AbortError'),
        reason,
      );
    };
    const timer =
      o.timeoutMs <= MAX_TIMER_MS
        ? setTimeout(() => fail(timeoutError(progress, o.timeoutMs)), o.timeoutMs)
        : undefined;
    o.signal?.addEventListener('abort', onAbort, { once: true });

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (failure !== undefined) {
          // The deadline or a cancel came while the request waited in the queue.
          c.abort(failure);
          return;
        }
        progress.onSocket = true;
        o.onSocket?.();
      },
      onResponseStart(_c, statusCode, rawHeaders) {
        if (statusCode < 200) return; // a 1xx interim answer carries no result
        status = statusCode;
        headers = flattenHeaders(rawHeaders);
        progress.headersReceived = true;
        const declared = headers['content-length'];
        if (declared !== undefined) progress.declaredBytes = Number(declared);
        if ((progress.declaredBytes ?? 0) > o.maxResponseBytes)
          fail(tooLargeError(progress, o.maxResponseBytes));
      },
      onResponseData(_c, chunk) {
        if (done) return; // data already in flight when the exchange failed
        progress.bodyBytes += chunk.length;
        if (progress.bodyBytes > o.maxResponseBytes) fail(tooLargeError(progress, o.maxResponseBytes));
        else chunks.push(chunk);
      },
      onResponseEnd() {
        settle(undefined);
      },
      onResponseError(_c, err) {
        settle(toWireError(err, progress));
      },
    };

    const requestHeaders: Record<string, string> = { host: req.host };
    if (req.body !== undefined) requestHeaders['content-type'] = 'application/json';
    try {
      dispatcher.dispatch(
        { method: 'POST', path: req.path, headers: requestHeaders, body: req.body ?? null },
        handler,
      );
    } catch (err) {
      settle(toWireError(err, progress));
    }
  });
}

/** Lower-case names (undici gives them so); repeated headers joined as HTTP allows. */
function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
