/**
 * How calls fail: each failure settles with the GoPlugError code a user can act on, a message
 * naming the plugin, the method and the cause, and the underlying error as `cause`. Deadlines
 * in these tests are hang guards (withDeadline), never timing claims.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { connectProbe } from '../../../src/core/connectProbe.js';
import { GoPlugError, type GoPlugErrorCode } from '../../../src/core/errors.js';
import { probeSocket, socketPathLimit } from '../../../src/core/pconf/index.js';
import { withDeadline } from '../../../src/core/withDeadline.js';
import { waitUntil } from '../../helpers/waitUntil.js';
import { useWireFixture } from '../../helpers/wireFixture.js';

async function failure(promise: Promise<unknown>, what = 'the call'): Promise<GoPlugError> {
  const outcome = await withDeadline(
    promise.then(
      () => new Error(`${what} succeeded`),
      (err: unknown) => err,
    ),
    5000,
    what,
  );
  if (!(outcome instanceof GoPlugError))
    throw new Error(`${what} did not fail with a GoPlugError: ${String(outcome)}`);
  return outcome;
}

function expectCode(err: GoPlugError, code: GoPlugErrorCode): void {
  expect(err.code, err.message).toBe(code);
}

const causeCode = (err: GoPlugError): unknown => (err.cause as { code?: unknown } | undefined)?.code;

describe('connecting', () => {
  const fixture = useWireFixture();

  test('a missing socket file is CONNECT_FAILED, naming the path and the errno in words', async () => {
    const dir = await fixture.folder();
    const sock = path.join(dir, 'Missing.sock');
    const client = fixture.client({ sock, url: 'unix://Missing', id: 'Missing' });
    const err = await failure(client.call('main.Do'));
    expectCode(err, 'CONNECT_FAILED');
    expect(err.message).toBe(
      `Plugin Missing: main.Do: cannot connect to socket ${sock}: the socket file does not exist (ENOENT)`,
    );
    expect(causeCode(err)).toBe('ENOENT');
  });

  test('a socket file nobody listens on (a killed plugin) is CONNECT_FAILED, connection refused', async () => {
    const { double, client } = await fixture.pair();
    double.kill();
    expect(fs.statSync(double.sock).isSocket()).toBe(true);
    const err = await failure(client.activate());
    expectCode(err, 'CONNECT_FAILED');
    expect(err.message).toContain(double.sock);
    expect(err.message).toContain('connection refused');
    expect(causeCode(err)).toBe('ECONNREFUSED');
  });

  test('a socket path longer than sun_path allows is refused before connecting, naming the path', async () => {
    const dir = await fixture.folder();
    const sock = path.join(dir, `${'x'.repeat(120)}.sock`);
    // Node would cut the path to what fits and connect there: put someone listening at that spot.
    const limit = socketPathLimit();
    const cut = Buffer.from(sock).subarray(0, limit.maxBytes).toString();
    let connections = 0;
    const other = net.createServer(() => connections++);
    await new Promise<void>((resolve) => other.listen(cut, resolve));
    try {
      for (const probe of [
        async () => {
          const err = await failure(fixture.client({ sock, url: 'unix://Long' }).call('main.Do'));
          expectCode(err, 'CONNECT_FAILED');
          expect(err.message).toContain('the path is too long for a Unix socket (ENAMETOOLONG)');
          return (err.cause as Error).message;
        },
        async () => ((await connectProbe(sock, 1000)) as Error).message,
        async () => (await probeSocket(sock)).error ?? '',
      ]) {
        const message = await probe();
        expect(message).toContain(`at most ${limit.maxBytes} bytes on ${limit.system}`);
        expect(message).toContain(sock);
      }
      expect(connections).toBe(0);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});

describe('deadlines', () => {
  const fixture = useWireFixture();

  test('a plugin that never answers is a TIMEOUT naming the plugin, the method and the deadline', async () => {
    const { client } = await fixture.pair({ faults: { 'main.Do': 'hang' } }, { timeoutMs: 200 });
    const err = await failure(client.call('main.Do'));
    expectCode(err, 'TIMEOUT');
    expect(err.message).toBe('Plugin Test/Do: main.Do did not complete within 200 ms (no answer yet)');
  });

  test('the per-call timeout overrides the client default', async () => {
    const { client } = await fixture.pair({ faults: { 'main.Do': 'hang' } }, { timeoutMs: 60_000 });
    const err = await failure(client.call('main.Do', undefined, { timeoutMs: 150 }));
    expectCode(err, 'TIMEOUT');
    expect(err.message).toContain('within 150 ms');
  });

  test('every hanging call fails at its own deadline: a short one sent after a long one, and many at once', async () => {
    // One timer keeps every call's deadline: a later, shorter deadline must not wait for an earlier, longer one.
    const { client } = await fixture.pair({ faults: { 'main.Do': 'hang' } }, { timeoutMs: 60_000 });
    const long = client.call('main.Do');
    const short = await failure(client.call('main.Do', undefined, { timeoutMs: 150 }), 'the short call');
    expectCode(short, 'TIMEOUT');
    expect(short.message).toContain('within 150 ms');
    const together = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        failure(client.call('main.Do', undefined, { timeoutMs: 100 }), `call ${i}`),
      ),
    );
    expect(together.map((err) => err.code)).toEqual(Array(12).fill('TIMEOUT'));
    const longOutcome = long.then(
      () => 'answered',
      (err: unknown) => (err as GoPlugError).code,
    );
    await client.destroy('the test is over');
    expect(await withDeadline(longOutcome, 5000, 'the long call')).toBe('PLUGIN_GONE');
  });

  test('a timed-out call drops its connection and later calls work', async () => {
    const { double, client } = await fixture.pair({
      faults: { 'main.Slow': 'hang' },
      methods: { 'main.Do': 'ok' },
    });
    expectCode(await failure(client.call('main.Slow', undefined, { timeoutMs: 100 })), 'TIMEOUT');
    expect((await client.call('main.Do')).body.toString()).toBe('ok');
    const slowConnection = double.requests[0]!.connection;
    expect(double.requests[1]!.connection).not.toBe(slowConnection);
  });

  test('the process dying mid-call is PLUGIN_GONE at once, not at the deadline', async () => {
    const { double, client } = await fixture.pair({ faults: { 'main.Do': 'hang' } });
    const call = client.call('main.Do', 'work', { timeoutMs: 20_000 });
    await double.waitForRequests(1);
    double.kill();
    // 5 s guard against a 20 s deadline: the call must settle because the socket closed.
    const err = await failure(call, 'the call cut off by the dying plugin');
    expectCode(err, 'PLUGIN_GONE');
    expect(err.message).toContain('Plugin Test/Do: main.Do: the connection closed before any answer');
    expect(err.cause).toBeInstanceOf(Error);
  });

  test('cancelling through the signal rejects with its reason and frees the connection', async () => {
    const { double, client } = await fixture.pair({ faults: { 'main.Do': 'hang' } });
    const cancel = new AbortController();
    const call = client.call('main.Do', undefined, { signal: cancel.signal });
    await double.waitForRequests(1);
    cancel.abort();
    const err = await withDeadline(
      call.catch((e: unknown) => e),
      5000,
      'the cancelled call',
    );
    expect((err as Error).name).toBe('AbortError');
    await waitUntil(() => !double.isConnectionOpen(double.requests[0]!.connection), 'the connection closing');

    const already = AbortSignal.abort(new Error('not wanted'));
    await expect(client.call('main.Do', undefined, { signal: already })).rejects.toThrow('not wanted');
    expect(double.requests).toHaveLength(1);
  });

  test('nonsense deadlines and limits are refused as CONFIG_INVALID', async () => {
    const { client } = await fixture.pair();
    expectCode(await failure(client.call('main.Do', undefined, { timeoutMs: -1 })), 'CONFIG_INVALID');
    expectCode(
      await failure(client.call('main.Do', undefined, { maxResponseBytes: Number.NaN })),
      'CONFIG_INVALID',
    );
    expect(() => fixture.client({ sock: '/tmp/x.sock', url: '' }, { connections: 0 })).toThrow(GoPlugError);
  });
});

describe('bad answers', () => {
  const fixture = useWireFixture();

  test('bytes that are not HTTP are a BAD_RESPONSE showing what came', async () => {
    const { client } = await fixture.pair({ faults: { 'main.Do': 'garbage' } });
    const err = await failure(client.call('main.Do'));
    expectCode(err, 'BAD_RESPONSE');
    expect(err.message).toMatch(/^Plugin Test\/Do: main\.Do: the answer is not valid HTTP\/1\.1 \(/);
    expect(err.message).toContain('SSH-2.0');
    expect((err.cause as Error).name).toBe('HTTPParserError');
  });

  test('a body cut short is a BAD_RESPONSE saying how much came', async () => {
    const { client } = await fixture.pair({ faults: { 'main.Do': 'truncated' } });
    const err = await failure(client.call('main.Do'));
    expectCode(err, 'BAD_RESPONSE');
    expect(err.message).toBe(
      'Plugin Test/Do: main.Do: the connection closed after 10 of the 100 announced body bytes: the answer is truncated',
    );
    expect(err.cause).toBeInstanceOf(Error);
  });

  test('Activate without a leading array is a BAD_RESPONSE with a short printable preview', async () => {
    const body = `<html>\u0001${'x'.repeat(200)}`;
    const server = await fixture.canned(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    const err = await failure(fixture.client({ sock: server.sock, url: 'unix://Odd', id: 'Odd' }).activate());
    expectCode(err, 'BAD_RESPONSE');
    expect(err.message).toMatch(
      /^Plugin Odd: Activate: the body does not start with a JSON array; body: "<html>\\x01x+"… \(207 bytes\)$/,
    );
    expect(err.message.length).toBeLessThan(200);
  });

  test('Activate answering 400 is a BAD_RESPONSE', async () => {
    const server = await fixture.canned('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    const err = await failure(fixture.client({ sock: server.sock, url: 'unix://Odd', id: 'Odd' }).activate());
    expectCode(err, 'BAD_RESPONSE');
    expect(err.message).toBe('Plugin Odd: Activate answered 400 ""');
  });
});

describe('size limits', () => {
  const fixture = useWireFixture();

  test('a 10 GiB Content-Length fails at once with TOO_LARGE and the connection is dropped', async () => {
    const { double, client } = await fixture.pair({ faults: { 'main.Do': 'huge-content-length' } });
    const err = await failure(client.call('main.Do', undefined, { timeoutMs: 20_000 }));
    expectCode(err, 'TOO_LARGE');
    expect(err.message).toBe(
      'Plugin Test/Do: main.Do: the answer announces 10737418240 bytes (Content-Length), over the limit of 67108864 bytes; the connection was dropped',
    );
    await waitUntil(
      () => !double.isConnectionOpen(double.requests[0]!.connection),
      'the connection being dropped',
    );
  });

  test('an endless chunked answer fails with TOO_LARGE once past the limit, and stops', async () => {
    const { double, client } = await fixture.pair({ faults: { 'main.Do': 'endless-chunked' } });
    const err = await failure(
      client.call('main.Do', undefined, { maxResponseBytes: 1024 * 1024, timeoutMs: 20_000 }),
    );
    expectCode(err, 'TOO_LARGE');
    expect(err.message).toContain('sent more than 1048576 bytes');
    await waitUntil(() => !double.isConnectionOpen(double.requests[0]!.connection), 'the stream being cut');
  });

  test('an answer exactly at the limit is accepted', async () => {
    const { client } = await fixture.pair({ methods: { 'main.Do': 'x'.repeat(5000) } });
    expect((await client.call('main.Do', undefined, { maxResponseBytes: 5000 })).body).toHaveLength(5000);
    expectCode(await failure(client.call('main.Do', undefined, { maxResponseBytes: 4999 })), 'TOO_LARGE');
  });
});
