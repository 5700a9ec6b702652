/**
 * Fuzzing the wire client's response handling (fast-check, fixed seed, bounded runs): a server
 * answers arbitrary bytes, or valid answers mutated (bytes flipped, cut, inserted, repeated),
 * and sometimes closes the connection after them. Whatever comes, call / activate / ping settle
 * with a well-formed WireResponse or a GoPlugError with a known code, never anything else, never
 * past a per-case deadline, and memory stays bounded. (The .pconf parser's fuzzing:
 * test/core/pconf/fuzz.test.ts.)
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoPlugError, type GoPlugErrorCode } from '../../src/core/errors.js';
import { PluginClient, type WireResponse } from '../../src/core/wire/index.js';
import { startCannedReplyServer, type CannedReplyServer } from '../helpers/cannedReplyServer.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { growthMiB, readMemory } from '../helpers/memory.js';
import { tempFolder } from '../helpers/tempFolder.js';

const SEED = 20_251_128;
const MAX_BYTES = 4096;
/** Short, so that the many cut answers end soon; a valid answer never waits for it. */
const CALL_TIMEOUT_MS = 150;
/**
 * For answers complete as sent: they settle at once, and a deadline that a loaded machine's
 * scheduling could reach would turn a sound answer into a TIMEOUT.
 */
const VALID_ANSWER_TIMEOUT_MS = 10_000;
/** What a bad answer may fail with; CONNECT_FAILED, NOT_STARTED... would mean our bug. */
const KNOWN_CODES: ReadonlySet<GoPlugErrorCode> = new Set([
  'BAD_RESPONSE',
  'TOO_LARGE',
  'TIMEOUT',
  'PLUGIN_GONE',
]);

let folder: Awaited<ReturnType<typeof tempFolder>>;
let server: CannedReplyServer;

beforeAll(async () => {
  folder = await tempFolder('gp-z-');
  server = await startCannedReplyServer(folder.path, '');
});
afterAll(async () => {
  await server.close();
  await folder.remove();
});

type Operation = 'call' | 'activate' | 'ping';

interface Case {
  reply: Uint8Array;
  end: boolean;
  operation: Operation;
  timeoutMs?: number;
}

/** Runs one case on a fresh client and says what it settled with. */
async function runCase({ reply, end, operation, timeoutMs = CALL_TIMEOUT_MS }: Case): Promise<unknown> {
  server.setReply(Buffer.from(reply), { end });
  const client = new PluginClient(
    { sock: server.sock, url: 'unix://Fuzz', id: 'Fuzz' },
    { timeoutMs, maxResponseBytes: MAX_BYTES },
  );
  try {
    const settled = (async () => {
      if (operation === 'call') return client.call('main.Do', 'x');
      if (operation === 'activate') return client.activate();
      return client.ping();
    })().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    return await withDeadline(
      settled,
      timeoutMs + 5000,
      `${operation} on ${Buffer.from(reply).toString('latin1').slice(0, 80)}`,
    );
  } finally {
    await client.destroy('the case is over');
  }
}

function expectWellFormed(outcome: unknown, operation: Operation): void {
  if (typeof outcome === 'object' && outcome !== null && 'error' in outcome) {
    const { error } = outcome;
    if (!(error instanceof GoPlugError))
      throw new Error(`not a GoPlugError: ${String(error)}`, { cause: error });
    expect(KNOWN_CODES.has(error.code), `${error.code}: ${error.message}`).toBe(true);
    expect(error.message.startsWith('Plugin Fuzz')).toBe(true);
    return;
  }
  const { value } = outcome as { value: unknown };
  if (operation === 'call') {
    const res = value as WireResponse;
    expect(Number.isInteger(res.status) && res.status >= 200 && res.status <= 999).toBe(true);
    expect(Buffer.isBuffer(res.body) && res.body.length <= MAX_BYTES).toBe(true);
    expect(Object.values(res.headers).every((v) => typeof v === 'string')).toBe(true);
    expect(Number.isFinite(res.durationMs)).toBe(true);
  } else if (operation === 'activate') {
    const activation = value as { methods: unknown[]; output: unknown };
    expect(activation.methods.every((m) => typeof m === 'string' && m !== '')).toBe(true);
    expect(Buffer.isBuffer(activation.output)).toBe(true);
  } else {
    expect(Number.isFinite((value as { rttMs: number }).rttMs)).toBe(true);
  }
}

// ---------- answers ----------

const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
const headerValue = fc.string({ unit: fc.constantFrom(...'abc 019;=,"/\t'.split('')), maxLength: 20 });

/** A valid HTTP/1.1 answer: Content-Length or chunked, extra headers, maybe an interim 102 or 103 first. */
const validAnswer = fc
  .record({
    status: fc.constantFrom(200, 200, 200, 201, 204, 301, 400, 404, 500, 503),
    interim: fc.constantFrom(undefined, 102, 103),
    chunked: fc.boolean(),
    chunkSize: fc.integer({ min: 1, max: 1500 }),
    headers: fc.array(fc.tuple(token, headerValue), { maxLength: 4 }),
    body: fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.constant(new TextEncoder().encode('["main.Do","","","",""]tail')),
      fc.constant(new TextEncoder().encode('Test Data')),
      fc.uint8Array({ minLength: MAX_BYTES - 10, maxLength: MAX_BYTES + 10 }),
    ),
  })
  .map(({ status, interim, chunked, chunkSize, headers, body: given }) => {
    const body = status === 204 ? new Uint8Array(0) : given; // a 204 has no body in HTTP
    const lines = [`HTTP/1.1 ${status} Whatever`, ...headers.map(([n, v]) => `X-${n}: ${v}`)];
    let payload = Buffer.from(body);
    if (chunked) {
      lines.push('Transfer-Encoding: chunked');
      const parts: Buffer[] = [];
      for (let at = 0; at < payload.length; at += chunkSize) {
        const piece = payload.subarray(at, at + chunkSize);
        parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
      }
      parts.push(Buffer.from('0\r\n\r\n'));
      payload = Buffer.concat(parts);
    } else {
      lines.push(`Content-Length: ${payload.length}`);
    }
    const head = Buffer.from(
      `${interim ? `HTTP/1.1 ${interim} Interim\r\n\r\n` : ''}${lines.join('\r\n')}\r\n\r\n`,
    );
    return { bytes: new Uint8Array(Buffer.concat([head, payload])), status, body: Buffer.from(body) };
  });

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'cut'; at: number }
  | { kind: 'remove'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'repeat'; at: number; length: number };

const position = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, byte: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: position }),
  fc.record({ kind: fc.constant('remove' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 20 }),
      fc.constantFrom(
        ...[
          '\r\n',
          '\r\n\r\n',
          ':',
          '0',
          '99999999999999999999',
          'Content-Length: 5\r\n',
          'Transfer-Encoding: chunked\r\n',
          'HTTP/1.1 200 OK\r\n',
          '\u0000',
          'ff',
        ].map((s) => new TextEncoder().encode(s)),
      ),
    ),
  }),
  fc.record({ kind: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 200 }) }),
);

function mutate(answer: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Buffer.from(answer);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
    if (m.kind === 'flip' && at < bytes.length) bytes[at] = m.byte;
    else if (m.kind === 'cut') bytes = bytes.subarray(0, at);
    else if (m.kind === 'remove')
      bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    else if (m.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    else if (m.kind === 'repeat') {
      bytes = Buffer.concat([
        bytes.subarray(0, at + m.length),
        bytes.subarray(at, at + m.length),
        bytes.subarray(at + m.length),
      ]);
    }
  }
  return new Uint8Array(bytes);
}

const operation = fc.constantFrom<Operation>('call', 'activate', 'ping');
/** Mostly closed after the answer, so a cut answer ends at once instead of at its deadline. */
const closeAfter = fc.boolean().chain((b) => (b ? fc.constant(true) : fc.boolean()));

describe('the wire client against hostile answers', () => {
  it('accepts every valid answer as sent (the generator is sound): its status and body, or TOO_LARGE over the limit', async () => {
    await fc.assert(
      fc.asyncProperty(validAnswer, closeAfter, async ({ bytes, status, body }, end) => {
        const outcome = await runCase({
          reply: bytes,
          end,
          operation: 'call',
          timeoutMs: VALID_ANSWER_TIMEOUT_MS,
        });
        if (body.length > MAX_BYTES) {
          expect((outcome as { error: GoPlugError }).error?.code).toBe('TOO_LARGE');
          return;
        }
        const res = (outcome as { value: WireResponse }).value;
        expect(res?.status, JSON.stringify(outcome)).toBe(status);
        expect(res.body.equals(body)).toBe(true);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('settles every case with a well-formed answer or a known GoPlugError, within its deadline, memory bounded', async () => {
    const before = readMemory();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), closeAfter, operation, async (reply, end, op) =>
        expectWellFormed(await runCase({ reply, end, operation: op }), op),
      ),
      { seed: SEED, numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(
        validAnswer,
        fc.array(mutation, { maxLength: 4 }),
        closeAfter,
        operation,
        async (answer, mutations, end, op) =>
          expectWellFormed(await runCase({ reply: mutate(answer.bytes, mutations), end, operation: op }), op),
      ),
      { seed: SEED, numRuns: 400 },
    );
    const growth = growthMiB(before, readMemory());
    expect(growth.held, JSON.stringify(growth)).toBeLessThan(16);
  }, 120_000);

  it('found by fuzzing: a "100 Continue" or an upgrade nobody asked for is a BAD_RESPONSE saying so, not PLUGIN_GONE', async () => {
    const problem = 'Plugin Fuzz: main.Do: the answer is not valid HTTP/1.1 here: it';
    const cases = [
      {
        reply: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
        message: `${problem} sent "100 Continue", which the request did not ask for`,
      },
      {
        reply: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
        message: `${problem} switched protocols (an upgrade), which the request did not ask for`,
      },
    ];
    for (const { reply, message } of cases) {
      const outcome = await runCase({ reply: Buffer.from(reply), end: false, operation: 'call' });
      expect(outcome).toMatchObject({ error: { code: 'BAD_RESPONSE', message } });
    }
  });
});
