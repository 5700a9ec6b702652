/**
 * Test clients that speak HTTP/1.1 over a Unix socket without any GoPlug code in between:
 * `unixRequest` (node:http, one connection per request) and `RawHttpConnection` (exact bytes on
 * one connection, for keep-alive, pipelining and byte-level comparisons with the Go wire logs).
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { withDeadline } from '../../src/core/withDeadline.js';

export interface UnixResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export function unixRequest(
  sock: string,
  path: string,
  options: { method?: string; body?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<UnixResponse> {
  const { method = 'POST', body, headers = {}, timeoutMs = 10_000 } = options;
  const sent = new Promise<UnixResponse>((resolve, reject) => {
    const req = request({ socketPath: sock, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
  return withDeadline(sent, timeoutMs, `${method} ${path} on ${sock}`);
}

export interface RawResponse {
  statusLine: string;
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: Buffer;
}

/** One connection; responses are parsed (Content-Length bodies only) and handed out in order. */
export class RawHttpConnection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  readonly #parsed: RawResponse[] = [];
  #wake: (() => void) | undefined;
  readonly closed: Promise<void>;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#parse();
      this.#wake?.();
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    void this.closed.then(() => this.#wake?.());
    socket.on('error', () => {});
  }

  static open(sock: string, timeoutMs = 5_000): Promise<RawHttpConnection> {
    const socket = connect(sock);
    const connected = new Promise<RawHttpConnection>((resolve, reject) => {
      socket.once('connect', () => resolve(new RawHttpConnection(socket)));
      socket.once('error', reject);
    });
    return withDeadline(connected, timeoutMs, `connecting to ${sock}`).catch((err: unknown) => {
      socket.destroy();
      throw err;
    });
  }

  write(bytes: string | Buffer): void {
    this.#socket.write(bytes);
  }

  /** The next complete response; fails if the connection closes first or the deadline passes. */
  async response(timeoutMs = 10_000): Promise<RawResponse> {
    const next = (async () => {
      for (;;) {
        const ready = this.#parsed.shift();
        if (ready !== undefined) return ready;
        if (this.#socket.destroyed) throw new Error('connection closed before a complete response');
        await new Promise<void>((resolve) => (this.#wake = resolve));
      }
    })();
    return withDeadline(next, timeoutMs, 'waiting for a response');
  }

  /** A complete response is waiting to be taken (false while e.g. a long-poll is held). */
  get hasResponse(): boolean {
    return this.#parsed.length > 0;
  }

  close(): void {
    this.#socket.destroy();
  }

  #parse(): void {
    const { responses, rest } = parseResponses(this.#buffer);
    this.#parsed.push(...responses);
    this.#buffer = rest;
  }
}

/** Complete responses at the start of `bytes` (Content-Length bodies only), and what is left. */
export function parseResponses(bytes: Buffer): { responses: RawResponse[]; rest: Buffer } {
  const responses: RawResponse[] = [];
  let rest = bytes;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const lines = rest.subarray(0, end).toString('latin1').split('\r\n');
    const statusLine = lines[0] ?? '';
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (rest.length < end + 4 + length) break;
    const body = Buffer.from(rest.subarray(end + 4, end + 4 + length));
    rest = rest.subarray(end + 4 + length);
    responses.push({ statusLine, status: Number(statusLine.split(' ')[1]), headers, body });
  }
  return { responses, rest };
}
