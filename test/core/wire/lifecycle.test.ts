/**
 * The client's connections over its life: calls spread over a small pool, close() waits for
 * calls and releases every socket, destroy() cuts everything off, and a closed client refuses
 * new work at once.
 */
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { GoPlugError, isGoPlugError } from '../../../src/core/errors.js';
import { withDeadline } from '../../../src/core/withDeadline.js';
import { waitUntil } from '../../helpers/waitUntil.js';
import { useWireFixture } from '../../helpers/wireFixture.js';

/** Sockets this process holds open, from /proc/self/fd. */
function openSockets(): number {
  let count = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) count++;
    } catch {
      // The fd of the directory listing itself is gone by now.
    }
  }
  return count;
}

/** A method that holds every call until the test lets them all go. */
function gate(): { method: () => Promise<string>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { method: () => opened.then(() => 'through'), open: () => open() };
}

describe('connections', () => {
  const fixture = useWireFixture();

  test('32 calls in flight are spread over the pool, not serialised behind one socket', async () => {
    const held = gate();
    const { double, client } = await fixture.pair({ methods: { 'main.Wait': held.method } });
    const calls = Array.from({ length: 32 }, () => client.call('main.Wait'));
    await double.waitForRequests(8);
    // Eight calls are in the plugin at once, each on a connection of its own.
    expect(new Set(double.requests.map((r) => r.connection)).size).toBe(8);
    held.open();
    const answers = await withDeadline(Promise.all(calls), 5000, 'the 32 calls');
    expect(answers.map((a) => a.body.toString())).toEqual(Array(32).fill('through'));
    expect(new Set(double.requests.map((r) => r.connection)).size).toBe(8);
  });

  test('the pool size is a client option', async () => {
    const held = gate();
    const { double, client } = await fixture.pair(
      { methods: { 'main.Wait': held.method } },
      { connections: 2 },
    );
    const calls = Array.from({ length: 6 }, () => client.call('main.Wait'));
    await double.waitForRequests(2);
    held.open();
    await withDeadline(Promise.all(calls), 5000, 'the calls');
    expect(new Set(double.requests.map((r) => r.connection)).size).toBe(2);
  });

  test('close() lets calls in flight finish, then releases every socket', async () => {
    const held = gate();
    const { double, client } = await fixture.pair({ methods: { 'main.Wait': held.method } });
    const call = client.call('main.Wait');
    await double.waitForRequests(1);
    const closing = client.close();
    expect(client.closed).toBe(true);
    held.open();
    expect((await withDeadline(call, 5000, 'the call')).body.toString()).toBe('through');
    await withDeadline(closing, 5000, 'close()');
    await waitUntil(() => double.openConnections() === 0, 'every connection closed');
  });

  test('close() leaves no open sockets: pool, long-poll and subscription connections all released', async () => {
    const { double, client } = await fixture.pair({ methods: { 'main.Do': 'ok' } });
    const before = openSockets();

    await Promise.all(Array.from({ length: 8 }, () => client.call('main.Do')));
    const poll = client.longPoll('main.callBack').catch((e: unknown) => e);
    let subscriptionEnd: unknown = 'not ended';
    client.subscribe(
      'main.other',
      () => {},
      (err) => (subscriptionEnd = err),
    );
    await double.waitForPoll('main.callBack');
    await double.waitForPoll('main.other');
    expect(openSockets()).toBeGreaterThan(before);

    await withDeadline(client.close(), 5000, 'close()');
    const pollErr = await poll;
    expect(isGoPlugError(pollErr, 'NOT_STARTED')).toBe(true);
    expect((pollErr as Error).message).toBe('Plugin Test/Do: the client was closed while a long-poll waited');
    expect(subscriptionEnd).toBeUndefined();

    // The double's own ends of the connections close when it sees ours go.
    await waitUntil(() => double.openConnections() === 0, 'the plugin side closing');
    expect(openSockets()).toBe(before);
  });

  test('after close() every call fails at once with NOT_STARTED and nothing is sent', async () => {
    const { double, client } = await fixture.pair();
    await client.close();
    await client.close();
    const err = await client.call('main.Do').catch((e: unknown) => e);
    expect(isGoPlugError(err, 'NOT_STARTED')).toBe(true);
    expect((err as GoPlugError).message).toBe('Plugin Test/Do: main.Do: this client was closed');
    await expect(client.ping()).rejects.toSatisfy((e) => isGoPlugError(e, 'NOT_STARTED'));
    await expect(client.stop()).rejects.toSatisfy((e) => isGoPlugError(e, 'NOT_STARTED'));
    await expect(client.longPoll('main.callBack')).rejects.toSatisfy((e) => isGoPlugError(e, 'NOT_STARTED'));
    expect(() => client.subscribe('main.callBack', () => {})).toThrow(GoPlugError);
    expect(double.requests).toHaveLength(0);
  });

  test('destroy() fails calls, long-polls and subscriptions in flight with PLUGIN_GONE, at once', async () => {
    const { double, client } = await fixture.pair({ faults: { 'main.Do': 'hang' } });
    // Outcomes are caught up front: both reject while destroy() is awaited.
    const call = client.call('main.Do', undefined, { timeoutMs: 20_000 }).catch((e: unknown) => e);
    const poll = client.longPoll('main.callBack').catch((e: unknown) => e);
    let subscriptionEnd: GoPlugError | undefined;
    client.subscribe(
      'main.other',
      () => {},
      (err) => (subscriptionEnd = err),
    );
    await double.waitForRequests(3);

    await withDeadline(client.destroy('its .pconf was removed'), 5000, 'destroy()');
    for (const pending of [call, poll]) {
      const err = await withDeadline(pending, 5000, 'a cut-off request');
      expect(isGoPlugError(err, 'PLUGIN_GONE')).toBe(true);
      expect((err as Error).message).toBe('Plugin Test/Do: cut off: its .pconf was removed');
    }
    expect(subscriptionEnd?.code).toBe('PLUGIN_GONE');
    await expect(client.call('main.Do')).rejects.toSatisfy((e) => isGoPlugError(e, 'NOT_STARTED'));
    await waitUntil(() => double.openConnections() === 0, 'every connection closed');
  });
  test('destroy() during a close() that waits on a hung call cuts the call off and settles both', async () => {
    const { double, client } = await fixture.pair({ faults: { 'main.Do': 'hang' } });
    const call = client.call('main.Do', undefined, { timeoutMs: 20_000 }).catch((e: unknown) => e);
    await double.waitForRequests(1);
    const closing = client.close();
    await withDeadline(client.destroy('unloading'), 5000, 'destroy()');
    await withDeadline(closing, 5000, 'the close() that was waiting');
    expect(isGoPlugError(await call, 'PLUGIN_GONE')).toBe(true);
  });
});
