/**
 * Each quirk of the Go original listed in test/fixtures/goplug-wire/README.md, driven through
 * our client against the Go plugin double.
 */
import { describe, expect, test } from 'vitest';
import { isGoPlugError } from '../../../src/core/errors.js';
import { withDeadline } from '../../../src/core/withDeadline.js';
import { useWireFixture } from '../../helpers/wireFixture.js';

describe('quirks of the Go plugin', () => {
  const fixture = useWireFixture();

  test('Activate: the activator bytes appended after the array come back as output', async () => {
    const { client } = await fixture.pair({ activatorOutput: 'activated ["not", "a method"]\n\u0000' });
    const activation = await client.activate();
    expect(activation.methods).toEqual(['main.Do']);
    expect(activation.output.toString('utf8')).toBe('activated ["not", "a method"]\n\u0000');
  });

  test('Activate: the empty names standing for the built-ins are dropped', async () => {
    const { double, client } = await fixture.pair({ methods: { 'main.Do': '', 'main.Other': '' } });
    expect(await client.activate()).toEqual({ methods: ['main.Do', 'main.Other'], output: Buffer.alloc(0) });
    // The Go host called each "" name as a method (POST /). We never send those.
    await expect(client.call('')).rejects.toSatisfy((e) => isGoPlugError(e, 'METHOD_NOT_FOUND'));
    expect(double.requests.map((r) => r.target)).toEqual(['/Activate']);
  });

  test('Ping: the body is echoed byte for byte', async () => {
    const { double, client } = await fixture.pair();
    const { rttMs } = await client.ping();
    expect(rttMs).toBeGreaterThanOrEqual(0);
    await client.ping(Buffer.from([0, 1, 2, 0xff]));
    expect(double.requests.map((r) => r.body)).toEqual([
      Buffer.from('Test Data'),
      Buffer.from([0, 1, 2, 0xff]),
    ]);
  });

  test('Ping: an answer that is not the echo is a BAD_RESPONSE', async () => {
    const server = await fixture.canned('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\npong');
    const client = fixture.client({ sock: server.sock, url: 'unix://Echo', id: 'Echo' });
    const err = await client.ping().catch((e: unknown) => e);
    expect(isGoPlugError(err, 'BAD_RESPONSE')).toBe(true);
    expect((err as Error).message).toBe(
      'Plugin Echo: Ping answered 200 "pong" instead of echoing "Test Data"',
    );
  });

  test('an unknown method is a 400 with an empty body, returned, not thrown', async () => {
    const { client } = await fixture.pair();
    const res = await client.call('main.Nope', 'x');
    expect(res.status).toBe(400);
    expect(res.body).toHaveLength(0);
  });

  test('method names are case-sensitive Go runtime names', async () => {
    const { client } = await fixture.pair();
    expect((await client.call('main.Do')).status).toBe(200);
    expect((await client.call('main.do')).status).toBe(400);
  });

  test('only the first path segment selects a method, so names with "/" are refused before sending', async () => {
    const { double, client } = await fixture.pair();
    for (const bad of ['main.Do/extra', '/Activate', 'a b', 'tab\there', 'nl\n', 'del\u007f']) {
      const err = await client.call(bad).catch((e: unknown) => e);
      expect(isGoPlugError(err, 'METHOD_NOT_FOUND'), JSON.stringify(bad)).toBe(true);
      expect((err as Error).message).toContain(JSON.stringify(bad));
    }
    expect(double.requests).toHaveLength(0);
  });

  test('Stop: the plugin exits without answering, and that counts as stopped', async () => {
    const { double, client } = await fixture.pair();
    expect(await withDeadline(client.stop(), 5000, 'stop')).toEqual({ answered: false });
    await withDeadline(double.exited, 5000, 'the double exiting');
    // Already gone: the socket file was removed (ENOENT) — still stopped.
    expect(await client.stop()).toEqual({ answered: false });
  });

  test('Stop: a stale socket nobody listens on counts as stopped; a 200 counts as answered', async () => {
    const { double, client } = await fixture.pair();
    double.kill();
    expect(await client.stop()).toEqual({ answered: false });
    const polite = await fixture.canned('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    expect(await fixture.client({ sock: polite.sock, url: 'unix://Polite' }).stop()).toEqual({
      answered: true,
    });
  });

  test('a long-poll waits on its own connection: calls and pings go on (the Go host deadlocks here)', async () => {
    const { double, client } = await fixture.pair({ methods: { 'main.Do': 'done' } });
    const poll = client.longPoll('main.callBack');
    await double.waitForPoll('main.callBack');

    const call = await withDeadline(client.call('main.Do'), 5000, 'a call while a long-poll waits');
    expect(call.body.toString()).toBe('done');
    await withDeadline(client.ping(), 5000, 'a ping while a long-poll waits');

    expect(double.notify('main.callBack', 'news')).toBe(true);
    const notified = await withDeadline(poll, 5000, 'the long-poll');
    expect(notified.status).toBe(200);
    expect(notified.body.toString()).toBe('news');

    const pollConnection = double.requests.find((r) => r.target === '/RegisterCallback')!.connection;
    const others = double.requests.filter((r) => r.target !== '/RegisterCallback').map((r) => r.connection);
    expect(others).not.toContain(pollConnection);
    expect(double.requests.find((r) => r.target === '/RegisterCallback')!.body.toString()).toBe(
      '"main.callBack"',
    );
  });

  test('Stop is not held up by a long-poll either', async () => {
    const { double, client } = await fixture.pair();
    const poll = client.longPoll('main.callBack');
    await double.waitForPoll('main.callBack');
    expect(await withDeadline(client.stop(), 5000, 'stop during a long-poll')).toEqual({ answered: false });
    await expect(withDeadline(poll, 5000, 'the long-poll')).rejects.toSatisfy((e) =>
      isGoPlugError(e, 'PLUGIN_GONE'),
    );
  });

  test('answers above 2048 bytes come chunked and are decoded', async () => {
    const big = Buffer.alloc(300_000, 'z');
    const { client } = await fixture.pair({ methods: { 'main.Big': big } });
    const res = await client.call('main.Big');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.body.equals(big)).toBe(true);
  });

  test('the answer headers come back with lower-case names', async () => {
    const { client } = await fixture.pair({ methods: { 'main.Do': 'hi' } });
    const res = await client.call('main.Do');
    expect(Object.keys(res.headers).sort()).toEqual(['content-length', 'content-type', 'date']);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  });
});
