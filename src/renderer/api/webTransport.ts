/**
 * The web mode's bridge: `POST /api/<channel>` with the bearer token for requests, a streamed
 * `GET /api/events` with the same header for events. Every outcome is an envelope, as from the Electron bridge: network
 * failures, deadlines and non-JSON answers become `{ ok: false, error }` with a hint.
 */
import type { ApiError, ApiErrorCode, ChannelName, Envelope, StudioBridge } from '../../shared/contract.js';
import { channelNames } from '../../shared/channels.js';
import type { ConnectionWatch } from './connection.js';
import { EventStream } from './eventStream.js';
import { exchangeOffThread } from './exchangeOffThread.js';
import { httpExchange } from './httpExchange.js';

/** Deadline of a call that is not a console request: generous, since Start all may start 1,000. */
const DEFAULT_DEADLINE_MS = 120_000;
/** Extra time for a console request beyond its own timeout, so the server's TIMEOUT wins. */
const EXECUTE_MARGIN_MS = 15_000;

export interface WebTransport {
  bridge: StudioBridge;
  connection: ConnectionWatch;
}

const refused = (code: ApiErrorCode, message: string, hint: string): Envelope<never> => ({
  ok: false,
  error: { code, message, hint },
});

function deadlineFor(name: ChannelName, request: unknown): number {
  if (name !== 'execute') return DEFAULT_DEADLINE_MS;
  const timeoutMs = (request as { timeoutMs?: number }).timeoutMs;
  // Without its own timeout, the server applies the default from the settings (at most an hour).
  return (timeoutMs ?? 3_600_000) + EXECUTE_MARGIN_MS;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  // A void answer has no `value` at all once it went through JSON.
  if (value.ok === true) return true;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error as Partial<ApiError> | null;
  return typeof error === 'object' && error !== null && typeof error.code === 'string';
}

async function post(baseUrl: string, token: string, name: ChannelName, request: unknown): Promise<Envelope<unknown>> {
  const deadlineMs = deadlineFor(name, request);
  const call = { url: `${baseUrl}/api/${name}`, token, body: JSON.stringify(request ?? {}), deadlineMs };
  // Console answers carry whole bodies: read and parsed off the page's main thread.
  const exchange = name === 'execute' ? await exchangeOffThread(call) : await httpExchange(call);
  if (exchange.kind === 'timeout') {
    return refused(
      'TIMEOUT',
      `The Studio server did not answer ${name} within ${Math.round(deadlineMs / 1000)} s.`,
      'Check that `goplug serve` is still running, then try again.',
    );
  }
  if (exchange.kind === 'unreachable') {
    return refused(
      'DISCONNECTED',
      `Could not reach the Studio server for ${name}: ${exchange.message}.`,
      'Check that `goplug serve` is still running, then try again.',
    );
  }
  const { status, value } = exchange;
  if (isEnvelope(value)) return value;
  return refused(
    status >= 200 && status < 300 ? 'BAD_RESPONSE' : `HTTP_${status}`,
    `The Studio server answered ${name} with HTTP ${status} and no API envelope.`,
    status === 401 || status === 403
      ? 'Open the address that `goplug serve` printed (it carries the access token).'
      : 'Check that this page is served by `goplug serve`.',
  );
}

export function createWebTransport(token: string, baseUrl = ''): WebTransport {
  const events = new EventStream(`${baseUrl}/api/events`, token);
  const bridge: Record<string, unknown> = {
    onEvents: (listener: Parameters<StudioBridge['onEvents']>[0]) => events.onEvents(listener),
  };
  for (const name of channelNames) {
    bridge[name] = (request: unknown) => post(baseUrl, token, name, request);
  }
  return { bridge: bridge as StudioBridge, connection: events };
}
