/**
 * The bare clients the registry's execute() is compared with. Each sends one small body and
 * checks the echo, so a benchmark never silently measures failures.
 */
import { Agent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Client, Pool } from 'undici';

export interface BareClient {
  call(): Promise<void>;
  close(): Promise<void>;
}

/** 30 bytes, as STACK.md's figures used. */
export const SMALL_BODY = Buffer.from('{"bench":"thirty bytes body!"}');

export function checkEcho(what: string, status: number, body: Buffer): void {
  if (status !== 200 || !body.equals(SMALL_BODY)) {
    throw new Error(
      `${what}: expected 200 with the body echoed, got ${status} ${body.toString('utf8').slice(0, 80)}`,
    );
  }
}

/** undici request() on keep-alive connections: one (a Client), or a Pool of `connections`. */
export function undiciClient(sock: string, connections = 1, path = '/Echo'): BareClient {
  const options = { socketPath: sock, pipelining: 1 };
  const client =
    connections === 1
      ? new Client('http://localhost', options)
      : new Pool('http://localhost', { ...options, connections });
  return {
    async call() {
      const res = await client.request({ method: 'POST', path, body: SMALL_BODY });
      checkEcho('undici', res.statusCode, Buffer.from(await res.body.arrayBuffer()));
    },
    close: () => client.close(),
  };
}

/** node:http request through a keep-alive agent holding one socket. */
export function nodeHttpClient(sock: string, path = '/Echo'): BareClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    call: () =>
      new Promise<void>((resolve, reject) => {
        const req = httpRequest(
          {
            socketPath: sock,
            agent,
            method: 'POST',
            path,
            headers: { 'Content-Length': SMALL_BODY.length, 'Content-Type': 'application/json' },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              try {
                checkEcho('node:http', res.statusCode ?? 0, Buffer.concat(chunks));
                resolve();
              } catch (err) {
                reject(err);
              }
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(SMALL_BODY);
      }),
    close: async () => agent.destroy(),
  };
}

/** Writes the body on a plain Unix socket and waits for the same number of bytes back. */
export async function echoClient(sock: string): Promise<BareClient> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect(sock, () => resolve(s));
    s.once('error', reject);
  });
  socket.setNoDelay(true);
  let waiting: { got: number; done: () => void; fail: (err: Error) => void } | undefined;
  const broken = (err: Error): void => {
    const pending = waiting;
    waiting = undefined;
    pending?.fail(err);
  };
  socket.on('error', broken);
  socket.on('close', () => broken(new Error(`echo socket ${sock} closed`)));
  socket.on('data', (chunk) => {
    if (waiting === undefined) return;
    waiting.got += chunk.length;
    if (waiting.got >= SMALL_BODY.length) {
      const { done } = waiting;
      waiting = undefined;
      done();
    }
  });
  return {
    call: () =>
      new Promise<void>((resolve, reject) => {
        if (socket.destroyed) return reject(new Error(`echo socket ${sock} is closed`));
        waiting = { got: 0, done: resolve, fail: reject };
        socket.write(SMALL_BODY);
      }),
    close: async () => void socket.destroy(),
  };
}

/**
 * A hand-written HTTP/1.1 client on a plain socket: one fixed request, a response read by its
 * Content-Length. No general parser, no pooling, no deadlines: it shows what HTTP itself costs
 * over the echo floor, apart from undici's machinery.
 */
export async function minimalHttpClient(sock: string, path = '/Echo'): Promise<BareClient> {
  const request = Buffer.concat([
    Buffer.from(
      `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${SMALL_BODY.length}\r\n\r\n`,
    ),
    SMALL_BODY,
  ]);
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect(sock, () => resolve(s));
    s.once('error', reject);
  });
  let waiting: { done: () => void; fail: (err: Error) => void } | undefined;
  let buffered = Buffer.alloc(0);
  const broken = (err: Error): void => {
    const pending = waiting;
    waiting = undefined;
    pending?.fail(err);
  };
  socket.on('error', broken);
  socket.on('close', () => broken(new Error(`socket ${sock} closed`)));
  socket.on('data', (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const headEnd = buffered.indexOf('\r\n\r\n');
    if (headEnd < 0 || waiting === undefined) return;
    const head = buffered.toString('latin1', 0, headEnd);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (buffered.length < headEnd + 4 + length) return;
    const status = Number(head.slice(9, 12));
    const body = buffered.subarray(headEnd + 4, headEnd + 4 + length);
    buffered = buffered.subarray(headEnd + 4 + length);
    const pending = waiting;
    waiting = undefined;
    try {
      checkEcho('minimal HTTP client', status, body);
      pending.done();
    } catch (err) {
      pending.fail(err as Error);
    }
  });
  return {
    call: () =>
      new Promise<void>((resolve, reject) => {
        if (socket.destroyed) return reject(new Error(`socket ${sock} is closed`));
        waiting = { done: resolve, fail: reject };
        socket.write(request);
      }),
    close: async () => void socket.destroy(),
  };
}
