/** The request console: execute with history and "copy as curl", and callback subscriptions. */
import { performance } from 'node:perf_hooks';
import { GoPlugError } from '../../core/errors.js';
import { formatDuration } from '../../core/text/units.js';
import type { ExecuteResult } from '../../shared/contract.js';
import { ServiceError, toApiError } from '../apiError.js';
import type { Handlers, ServiceContext } from '../context.js';
import { curlCommand } from '../curl.js';
import { InFlightRequests } from '../inFlightRequests.js';

type ConsoleHandlers = Pick<
  Handlers,
  'execute' | 'cancelExecute' | 'subscribe' | 'unsubscribe' | 'getHistory' | 'clearHistory'
>;

export function consoleHandlers(ctx: ServiceContext): ConsoleHandlers {
  const registry = () => ctx.host.registry;
  const inFlight = new InFlightRequests();
  const startLazily = async (id: string) => {
    try {
      await registry().start(id);
    } catch (err) {
      // Another start (a second Send, the switch) got there first: that is what we wanted.
      if (!(err instanceof GoPlugError && err.code === 'ALREADY_STARTED')) throw err;
    }
  };
  return {
    /** Answers the plugin's reply or a typed error in the result; throws only for an unknown plugin or bad body. */
    execute: async ({
      id,
      method,
      body,
      bodyEncoding,
      timeoutMs,
      requestId,
      contentType,
    }): Promise<ExecuteResult> => {
      const plugin = registry().get(id);
      if (plugin === undefined)
        throw new GoPlugError('NOT_DISCOVERED', `no plugin ${id} has been discovered`);
      const bytes = bodyEncoding === 'base64' ? decodeBase64(body) : Buffer.from(body, 'utf8');
      const curl = curlCommand({
        sock: plugin.sock,
        url: plugin.url,
        method,
        body: bytes,
        bodyEncoding,
        contentType,
      });
      const settings = ctx.settings.get();
      const sent = { method, body, bodyEncoding, ...(contentType === undefined ? {} : { contentType }) };
      const signal = requestId === undefined ? undefined : inFlight.begin(requestId);
      const started = performance.now();
      let onTheWire = false;
      try {
        signal?.throwIfAborted();
        // A LazyLoad plugin starts on its first call, as the console says (and as `goplug call` does).
        if (plugin.lazyLoad && plugin.state !== 'started') await startLazily(id);
        signal?.throwIfAborted();
        onTheWire = true;
        const response = await registry().execute(id, method, bytes, {
          timeoutMs: timeoutMs ?? settings.requestTimeoutMs,
          maxResponseBytes: settings.maxResponseBytes,
          ...(signal === undefined ? {} : { signal }),
          ...(contentType === undefined ? {} : { contentType }),
        });
        ctx.history.record(id, {
          ...sent,
          status: response.status,
          errorCode: null,
          durationMs: response.durationMs,
        });
        return {
          ok: true,
          status: response.status,
          headers: response.headers,
          body: { base64: response.body.toString('base64'), size: response.body.length },
          durationMs: response.durationMs,
          curl,
        };
      } catch (err) {
        const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
        const cancelled = signal?.aborted === true;
        const error = toApiError(
          cancelled
            ? new ServiceError(
                'CANCELLED',
                `${method} to ${id} was cancelled after ${formatDuration(durationMs)}; ` +
                  (onTheWire ? "the plugin's connection was closed" : 'it was not sent'),
              )
            : err,
        );
        ctx.history.record(id, {
          ...sent,
          status: null,
          errorCode: error.code,
          durationMs,
          ...(cancelled ? { cancelled } : {}),
        });
        return { ok: false, error, durationMs, curl };
      } finally {
        if (requestId !== undefined) inFlight.end(requestId);
      }
    },
    cancelExecute: async ({ requestId }) => ({ cancelled: inFlight.cancel(requestId) }),
    subscribe: async ({ id, callback }) => ({
      subscriptionId: ctx.subscriptions.add(registry(), id, callback),
    }),
    unsubscribe: async ({ subscriptionId }) => ctx.subscriptions.remove(subscriptionId),
    getHistory: async ({ id }) => ctx.history.list(id),
    clearHistory: async ({ id }) => ctx.history.clear(id),
  };
}

/** Strict: Buffer.from(x, 'base64') would silently skip characters that are not base64. */
function decodeBase64(text: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new ServiceError(
      'INVALID_REQUEST',
      'Invalid execute request: body: not valid base64 (bodyEncoding is "base64")',
    );
  }
  return Buffer.from(compact, 'base64');
}
