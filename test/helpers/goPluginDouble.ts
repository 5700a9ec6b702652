/**
 * A stand-in for the original Go GoPlug example plugin (`Test`/`Do`, method `main.Do`), written
 * on raw `net` sockets so it answers byte for byte like the recording in
 * test/fixtures/goplug-wire (Date, Content-Length, sniffed Content-Type, chunked above 2048
 * bytes, 400 for unknown methods, 301 for `//Activate`, any verb, Stop exits without answering).
 * Requests on one connection are handled one at a time, as Go's server does, so a held
 * RegisterCallback blocks its connection exactly like the real plugin.
 *
 * Fault modes make it misbehave for the client's failure tests. Not supported (neither the Go
 * host nor our client sends them): chunked request bodies, which get a 400 and a close.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export type FaultMode =
  /** Accept the request, never answer. */
  | 'hang'
  /** Answer bytes that are not HTTP. */
  | 'garbage'
  /** Announce 100 body bytes, send 10, close. */
  | 'truncated'
  /** Announce a 10 GiB body, send a few bytes, then wait. */
  | 'huge-content-length'
  /** A chunked body that never ends (until the client hangs up; capped at 1 GiB). */
  | 'endless-chunked';

/** What a user method returns; a function may return a promise to hold the call until the test lets it go. */
export type MethodResult =
  string | Uint8Array | ((body: Buffer) => string | Uint8Array | Promise<string | Uint8Array>);

export interface GoPluginDoubleOptions {
  /** Folder for the socket (and the .pconf when `writePconf`). */
  dir: string;
  namespace?: string;
  name?: string;
  /** User methods and what they return. Default: `main.Do` returning nothing, like the example. */
  methods?: Record<string, MethodResult>;
  /** Bytes the activator appends after the Activate array. */
  activatorOutput?: string | Uint8Array;
  /** Misbehaviour per method name (the first path segment); `*` applies to every request. */
  faults?: Record<string, FaultMode>;
  /** Write `<NameSpace><Name>.pconf` once listening, as the Go plugin does (Stop removes it). */
  writePconf?: boolean;
  lazyLoad?: boolean;
}

export interface RecordedRequest {
  /** Which accepted connection it came on (1, 2, ...). */
  connection: number;
  /** The request exactly as received. */
  raw: Buffer;
  verb: string;
  target: string;
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface GoPluginDouble {
  sock: string;
  url: string;
  /** Where the .pconf was written, when `writePconf`. */
  pconfPath: string | undefined;
  requests: RecordedRequest[];
  /** Answers the oldest pending RegisterCallback for `name`; false (lost, as in Go) when none waits. */
  notify(name: string, data: string | Uint8Array): boolean;
  /** Resolves once a RegisterCallback for `name` is pending. */
  waitForPoll(name: string, timeoutMs?: number): Promise<void>;
  /** Resolves once `count` requests have arrived in total. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Accepted connections still open on the plugin side. */
  openConnections(): number;
  /** Whether the connection numbered `connection` (see RecordedRequest) is still open. */
  isConnectionOpen(connection: number): boolean;
  /** Like SIGKILL: every socket closed at once; the .sock and .pconf stay behind (stale). */
  kill(): void;
  /** Resolves when the double has "exited" (Stop, a bad RegisterCallback body, kill or close). */
  exited: Promise<void>;
  /** Test cleanup: exits if still running and removes its files. */
  close(): Promise<void>;
}

const BUILT_INS = ['Activate', 'Stop', 'RegisterCallback', 'Ping'];
const CHUNKING_THRESHOLD = 2048;
const REASONS: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 400: 'Bad Request' };
const ENDLESS_CAP_BYTES = 1024 ** 3;

interface PendingPoll {
  name: string;
  socket: net.Socket;
  answer(data: Buffer): void;
}

export async function startGoPluginDouble(opts: GoPluginDoubleOptions): Promise<GoPluginDouble> {
  const namespace = opts.namespace ?? 'Test';
  const name = opts.name ?? 'Do';
  const sock = path.join(opts.dir, `${namespace}${name}.sock`);
  const url = `unix://${namespace}${name}`;
  const methods = opts.methods ?? { 'main.Do': '' };
  const faults = opts.faults ?? {};
  const requests: RecordedRequest[] = [];
  const sockets = new Map<net.Socket, number>();
  const polls: PendingPoll[] = [];
  const watchers = new Set<() => void>();
  let connectionCount = 0;
  let pconfPath: string | undefined;
  let markExited!: () => void;
  const exited = new Promise<void>((resolve) => (markExited = resolve));
  let hasExited = false;

  const changed = (): void => {
    for (const watch of [...watchers]) watch();
  };
  const exit = (removeFiles: boolean): void => {
    if (hasExited) return;
    hasExited = true;
    if (removeFiles) {
      removeQuietly(sock, pconfPath);
      server.close();
    } else {
      // A killed process leaves its socket file behind, but closing a Node server unlinks it:
      // keep a second link and put it back, a socket file nobody listens on (ECONNREFUSED).
      const keep = `${sock}.stale`;
      fs.linkSync(sock, keep);
      server.close();
      fs.renameSync(keep, sock);
    }
    for (const s of sockets.keys()) s.destroy();
    polls.length = 0;
    markExited();
  };

  const server = net.createServer((socket) => {
    const connection = ++connectionCount;
    sockets.set(socket, connection);
    let buffered = Buffer.alloc(0);
    let busy = false;
    socket.on('error', () => {}); // a client hanging up mid-write is routine here
    socket.on('close', () => {
      sockets.delete(socket);
      for (let i = polls.length - 1; i >= 0; i--) if (polls[i]?.socket === socket) polls.splice(i, 1);
      changed();
    });

    const next = (): void => {
      busy = false;
      serve();
    };
    const serve = (): void => {
      if (busy || socket.destroyed) return;
      const parsed = parseRequest(buffered);
      if (parsed === 'incomplete') return;
      if (parsed === 'bad') {
        socket.end(
          'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request',
        );
        return;
      }
      busy = true;
      const raw = buffered.subarray(0, parsed.length);
      buffered = buffered.subarray(parsed.length);
      requests.push({ connection, raw, ...parsed.request });
      changed();
      handle(socket, parsed.request, next);
    };
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      serve();
    });
  });

  const handle = (socket: net.Socket, req: ParsedRequest, done: () => void): void => {
    const [rawPath = '', query] = splitOnce(req.target, '?');
    if (!rawPath.startsWith('/')) return reply(socket, 400, Buffer.alloc(0), done);
    const cleaned = cleanPath(rawPath);
    if (cleaned !== rawPath) {
      const location = query === undefined ? cleaned : `${cleaned}?${query}`;
      return reply(socket, 301, Buffer.alloc(0), done, [['Location', location]]);
    }
    const method = decodeSegment(cleaned.split('/')[1] ?? '');
    const fault = faults[method] ?? faults['*'];
    if (fault !== undefined) return misbehave(socket, fault);

    if (method === 'Activate') {
      const names = [...Object.keys(methods), ...BUILT_INS.map(() => '')];
      return reply(
        socket,
        200,
        Buffer.concat([Buffer.from(JSON.stringify(names)), bytes(opts.activatorOutput ?? '')]),
        done,
      );
    }
    if (method === 'Ping') return reply(socket, 200, req.body, done);
    if (method === 'Stop') {
      // The example's stopper removes its files and exits: the request never gets an answer.
      exit(true);
      return;
    }
    if (method === 'RegisterCallback') {
      let callback: unknown;
      try {
        callback = JSON.parse(req.body.toString('utf8'));
      } catch {
        callback = undefined;
      }
      if (typeof callback !== 'string') {
        exit(false); // the Go plugin calls os.Exit(1): files stay behind
        return;
      }
      polls.push({ name: callback, socket, answer: (data) => reply(socket, 200, data, done) });
      changed();
      return;
    }
    const result = methods[method];
    if (result === undefined || method === '') return reply(socket, 400, Buffer.alloc(0), done);
    void Promise.resolve(typeof result === 'function' ? result(req.body) : result).then((out) => {
      if (!socket.destroyed) reply(socket, 200, bytes(out), done);
    });
  };

  const waitFor = (what: string, ready: () => boolean, timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      if (ready()) return resolve();
      const timer = setTimeout(() => {
        watchers.delete(watch);
        reject(new Error(`goPluginDouble: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const watch = (): void => {
        if (!ready()) return;
        clearTimeout(timer);
        watchers.delete(watch);
        resolve();
      };
      watchers.add(watch);
    });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(sock, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (opts.writePconf === true) {
    pconfPath = path.join(opts.dir, `${namespace}${name}.pconf`);
    const conf = { Name: name, NameSpace: namespace, Url: url, Sock: sock, LazyLoad: opts.lazyLoad ?? false };
    fs.writeFileSync(pconfPath, JSON.stringify(conf));
  }

  return {
    sock,
    url,
    get pconfPath() {
      return pconfPath;
    },
    requests,
    notify(callback, data) {
      const index = polls.findIndex((p) => p.name === callback);
      const poll = index === -1 ? undefined : polls.splice(index, 1)[0];
      poll?.answer(bytes(data));
      return poll !== undefined;
    },
    waitForPoll: (callback, timeoutMs = 5000) =>
      waitFor(
        `a pending RegisterCallback for ${callback}`,
        () => polls.some((p) => p.name === callback),
        timeoutMs,
      ),
    waitForRequests: (count, timeoutMs = 5000) =>
      waitFor(`${count} requests`, () => requests.length >= count, timeoutMs),
    openConnections: () => sockets.size,
    isConnectionOpen: (connection) => [...sockets.values()].includes(connection),
    kill: () => exit(false),
    exited,
    async close() {
      exit(false);
      removeQuietly(sock, pconfPath);
      await exited;
    },
  };
}

// ---------- request bytes ----------

interface ParsedRequest {
  verb: string;
  target: string;
  headers: Array<[string, string]>;
  body: Buffer;
}

function parseRequest(buf: Buffer): { request: ParsedRequest; length: number } | 'incomplete' | 'bad' {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd === -1) return buf.length > 1 << 20 ? 'bad' : 'incomplete';
  const [requestLine = '', ...lines] = buf.subarray(0, headEnd).toString('latin1').split('\r\n');
  const [verb, target, version] = requestLine.split(' ');
  if (verb === undefined || target === undefined || version !== 'HTTP/1.1') return 'bad';
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return 'bad';
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  const header = (n: string): string | undefined => headers.find(([k]) => k.toLowerCase() === n)?.[1];
  if (header('transfer-encoding') !== undefined) return 'bad';
  const length = Number(header('content-length') ?? '0');
  if (!Number.isSafeInteger(length) || length < 0) return 'bad';
  const total = headEnd + 4 + length;
  if (buf.length < total) return 'incomplete';
  return {
    request: { verb, target, headers, body: Buffer.from(buf.subarray(headEnd + 4, total)) },
    length: total,
  };
}

// ---------- response bytes ----------

/** Header order as Go writes it: handler headers (Location), then Date, Content-Length, Content-Type, Transfer-Encoding. */
function reply(
  socket: net.Socket,
  status: number,
  body: Buffer,
  done: () => void,
  extra: Array<[string, string]> = [],
): void {
  let head = `HTTP/1.1 ${status} ${REASONS[status]}\r\n`;
  for (const [k, v] of extra) head += `${k}: ${v}\r\n`;
  head += `Date: ${new Date().toUTCString()}\r\n`;
  if (body.length > CHUNKING_THRESHOLD) {
    head += 'Content-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n';
    socket.write(
      Buffer.concat([
        Buffer.from(`${head}${body.length.toString(16)}\r\n`),
        body,
        Buffer.from('\r\n0\r\n\r\n'),
      ]),
    );
  } else {
    head += `Content-Length: ${body.length}\r\n`;
    if (body.length > 0) head += 'Content-Type: text/plain; charset=utf-8\r\n';
    socket.write(Buffer.concat([Buffer.from(`${head}\r\n`), body]));
  }
  done();
}

function misbehave(socket: net.Socket, fault: FaultMode): void {
  const date = `Date: ${new Date().toUTCString()}\r\n`;
  switch (fault) {
    case 'hang':
      return;
    case 'garbage':
      socket.write('SSH-2.0-OpenSSH_9.2\r\n\u0000\u0001 this is not HTTP\r\n\r\n');
      return;
    case 'truncated':
      socket.end(
        `HTTP/1.1 200 OK\r\n${date}Content-Length: 100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n0123456789`,
      );
      return;
    case 'huge-content-length':
      socket.write(
        `HTTP/1.1 200 OK\r\n${date}Content-Length: ${10 * 1024 ** 3}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nabc`,
      );
      return;
    case 'endless-chunked': {
      socket.write(
        `HTTP/1.1 200 OK\r\n${date}Content-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      const chunk = Buffer.concat([
        Buffer.from('10000\r\n'),
        Buffer.alloc(0x10000, 0x61),
        Buffer.from('\r\n'),
      ]);
      let sent = 0;
      const pump = (): void => {
        while (!socket.destroyed && sent < ENDLESS_CAP_BYTES) {
          sent += 0x10000;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
      return;
    }
  }
}

// ---------- small helpers ----------

/** Go's ServeMux path cleaning: collapse `//`, resolve `.` and `..`, keep a trailing slash. */
function cleanPath(p: string): string {
  return path.posix.normalize(p);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i === -1 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function bytes(data: string | Uint8Array): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
}

function removeQuietly(...files: Array<string | undefined>): void {
  for (const f of files) if (f !== undefined) fs.rmSync(f, { force: true });
}
