/**
 * Turns what undici and the kernel report into GoPlugErrors that say which plugin, which call
 * and what went wrong, with the original error kept as `cause`. How far the exchange got
 * decides the code: a connection closed before any answer means the plugin is gone, the same
 * close in the middle of a body means the answer was truncated.
 */
import { errors } from 'undici';
import { GoPlugError } from '../errors.js';
import { bodyPreview } from './bodyPreview.js';
import { ConnectTimeoutError } from './unixConnector.js';

/** How far one exchange got, for messages and for telling failures apart. */
export interface ExchangeProgress {
  /** Who the call is for: the plugin id, or its Url. */
  plugin: string;
  /** The plugin method (the path), e.g. `main.Do` or `Activate`. */
  method: string;
  sock: string;
  /** The request was handed a connected socket. */
  onSocket: boolean;
  headersReceived: boolean;
  bodyBytes: number;
  /** The response's Content-Length, when it had one. */
  declaredBytes: number | undefined;
}

const CONNECT_ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'the socket file does not exist',
  ECONNREFUSED:
    'connection refused: no process listens on this socket (a stale file left by a plugin that died?)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a parent of the path is not a folder',
  EAGAIN: "the plugin's queue of pending connections is full",
  ENAMETOOLONG: 'the path is too long for a Unix socket',
};

/**
 * undici's words when it refuses an answer to a running request: a `100 Continue` (we never send
 * `Expect: 100-continue`) or a protocol upgrade nobody asked for.
 */
const UNASKED_ANSWERS = new Map([
  ['bad response', 'it sent "100 Continue", which the request did not ask for'],
  ['bad upgrade', 'it switched protocols (an upgrade), which the request did not ask for'],
]);

/** Codes meaning the connection went away under a running call. */
const CLOSED_CODES = new Set([
  'UND_ERR_SOCKET',
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

export function toWireError(err: unknown, p: ExchangeProgress): GoPlugError {
  if (err instanceof GoPlugError) return err;
  const where = `Plugin ${p.plugin}: ${p.method}`;
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);

  if (err instanceof ConnectTimeoutError) {
    return new GoPlugError('TIMEOUT', `${where}: could not connect to ${p.sock} within ${err.timeoutMs} ms`, {
      cause: err,
    });
  }
  if (!p.onSocket && code.startsWith('E')) {
    const words = CONNECT_ERRNO_WORDS[code] ?? message;
    return new GoPlugError(
      'CONNECT_FAILED',
      `${where}: cannot connect to socket ${p.sock}: ${words} (${code})`,
      {
        cause: err,
      },
    );
  }
  if (err instanceof errors.HTTPParserError || code === 'UND_ERR_HEADERS_OVERFLOW') {
    const data = (err as { data?: unknown }).data;
    const seen =
      typeof data === 'string' && data !== ''
        ? `; bytes at the error: ${bodyPreview(Buffer.from(data, 'latin1'))}`
        : '';
    return new GoPlugError('BAD_RESPONSE', `${where}: the answer is not valid HTTP/1.1 (${message})${seen}`, {
      cause: err,
    });
  }
  const unasked = code === 'UND_ERR_SOCKET' ? UNASKED_ANSWERS.get(message) : undefined;
  if (unasked !== undefined) {
    // undici drops the connection itself on these: the plugin answered, it did not go away.
    return new GoPlugError('BAD_RESPONSE', `${where}: the answer is not valid HTTP/1.1 here: ${unasked}`, {
      cause: err,
    });
  }
  if (p.headersReceived && (CLOSED_CODES.has(code) || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH')) {
    const of = p.declaredBytes === undefined ? '' : ` of the ${p.declaredBytes} announced`;
    return new GoPlugError(
      'BAD_RESPONSE',
      `${where}: the connection closed after ${p.bodyBytes}${of} body bytes: the answer is truncated`,
      { cause: err },
    );
  }
  if (CLOSED_CODES.has(code)) {
    return new GoPlugError(
      'PLUGIN_GONE',
      `${where}: the connection closed before any answer (${message}); the plugin probably exited or crashed`,
      { cause: err },
    );
  }
  return new GoPlugError('BAD_RESPONSE', `${where}: unexpected failure: ${message}`, { cause: err });
}

export function timeoutError(p: ExchangeProgress, timeoutMs: number): GoPlugError {
  const stage = !p.onSocket
    ? 'still waiting for a connection'
    : !p.headersReceived
      ? 'no answer yet'
      : `${p.bodyBytes} body bytes received so far`;
  return new GoPlugError(
    'TIMEOUT',
    `Plugin ${p.plugin}: ${p.method} did not complete within ${timeoutMs} ms (${stage})`,
  );
}

export function tooLargeError(p: ExchangeProgress, limit: number): GoPlugError {
  const what =
    p.declaredBytes !== undefined && p.declaredBytes > limit
      ? `announces ${p.declaredBytes} bytes (Content-Length)`
      : `sent more than ${limit} bytes`;
  return new GoPlugError(
    'TOO_LARGE',
    `Plugin ${p.plugin}: ${p.method}: the answer ${what}, over the limit of ${limit} bytes; the connection was dropped`,
  );
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : '';
}
