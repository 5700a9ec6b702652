/**
 * Callback subscriptions: long-poll, deliver, long-poll again on one dedicated connection, and
 * one clear end — never a retry loop — when the plugin fails or goes away.
 */
import { describe, expect, test } from 'vitest';
import { GoPlugError } from '../../../src/core/errors.js';
import { withDeadline } from '../../../src/core/withDeadline.js';
import { createPlugin } from '../../../src/sdk/index.js';
import { waitUntil } from '../../helpers/waitUntil.js';
import { useWireFixture } from '../../helpers/wireFixture.js';

/** onEnd recorder: resolves with the first end, counts every call. */
function endWatcher(): {
  onEnd(err?: GoPlugError): void;
  ended: Promise<GoPlugError | undefined>;
  count(): number;
} {
  let calls = 0;
  let resolve!: (err: GoPlugError | undefined) => void;
  const ended = new Promise<GoPlugError | undefined>((r) => (resolve = r));
  return {
    onEnd(err) {
      calls++;
      resolve(err);
    },
    ended: withDeadline(ended, 5000, 'the subscription ending'),
    count: () => calls,
  };
}

const isPoll = (r: { target: string }): boolean => r.target === '/RegisterCallback';

describe('subscribe', () => {
  const fixture = useWireFixture();

  test('200 notifications in a burst all arrive, in order, over one connection of its own', async () => {
    const { double, client } = await fixture.pair();
    const received: string[] = [];
    let allIn!: () => void;
    const done = new Promise<void>((resolve) => (allIn = resolve));
    const end = endWatcher();
    client.subscribe(
      'main.callBack',
      (body) => {
        received.push(body.toString());
        if (received.length === 200) allIn();
      },
      end.onEnd,
    );

    // The Go plugin drops a notify that finds no poll waiting, so notify only when one waits.
    for (let i = 0; i < 200; i++) {
      await double.waitForPoll('main.callBack');
      expect(double.notify('main.callBack', `n${i}`)).toBe(true);
    }
    await withDeadline(done, 5000, 'all 200 notifications');
    expect(received).toEqual(Array.from({ length: 200 }, (_, i) => `n${i}`));

    await client.call('main.Do');
    const polls = double.requests.filter(isPoll);
    expect(polls.every((r) => r.body.toString() === '"main.callBack"')).toBe(true);
    expect(new Set(polls.map((r) => r.connection)).size).toBe(1);
    expect(double.requests.at(-1)!.connection).not.toBe(polls[0]!.connection);
    expect(end.count()).toBe(0);
  });

  test('the plugin dying ends the subscription once with PLUGIN_GONE, and it does not poll again', async () => {
    const { double, client } = await fixture.pair();
    const end = endWatcher();
    client.subscribe('main.callBack', () => {}, end.onEnd);
    await double.waitForPoll('main.callBack');
    double.kill();
    const err = await end.ended;
    expect(err?.code).toBe('PLUGIN_GONE');
    expect(err?.message).toContain('RegisterCallback');
    expect(end.count()).toBe(1);
    expect(double.requests.filter(isPoll)).toHaveLength(1);
  });

  test('a plugin that is not there ends the subscription with CONNECT_FAILED', async () => {
    const { double, client } = await fixture.pair();
    await double.close();
    const end = endWatcher();
    client.subscribe('main.callBack', () => {}, end.onEnd);
    expect((await end.ended)?.code).toBe('CONNECT_FAILED');
    expect(end.count()).toBe(1);
  });

  test('a RegisterCallback refused with 400 ends the subscription with BAD_RESPONSE', async () => {
    const server = await fixture.canned('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    const client = fixture.client({ sock: server.sock, url: 'unix://NoCallbacks', id: 'NoCallbacks' });
    const end = endWatcher();
    client.subscribe('main.callBack', () => {}, end.onEnd);
    const err = await end.ended;
    expect(err?.code).toBe('BAD_RESPONSE');
    expect(err?.message).toBe(
      'Plugin NoCallbacks: callback main.callBack: RegisterCallback answered 400 ""; the subscription ended',
    );
  });

  test('unsubscribe ends quietly and hangs up the pending poll', async () => {
    const { double, client } = await fixture.pair();
    const end = endWatcher();
    const received: Buffer[] = [];
    const unsubscribe = client.subscribe('main.callBack', (body) => received.push(body), end.onEnd);
    await double.waitForPoll('main.callBack');
    unsubscribe();
    expect(await end.ended).toBeUndefined();
    await waitUntil(() => double.openConnections() === 0, 'the poll connection closing');
    expect(double.notify('main.callBack', 'too late')).toBe(false);
    unsubscribe();
    expect(end.count()).toBe(1);
    expect(received).toHaveLength(0);
  });

  test('a listener that throws is reported as uncaught and the subscription goes on', async () => {
    const { double, client } = await fixture.pair();
    const received: string[] = [];
    const thrown = new Promise<unknown>((resolve) => {
      const saved = process.listeners('uncaughtException');
      process.removeAllListeners('uncaughtException');
      process.once('uncaughtException', (err) => {
        for (const listener of saved) process.on('uncaughtException', listener);
        resolve(err);
      });
    });
    client.subscribe('main.callBack', (body) => {
      received.push(body.toString());
      if (received.length === 1) throw new Error('listener bug');
    });
    await double.waitForPoll('main.callBack');
    double.notify('main.callBack', 'first');
    expect(await withDeadline(thrown, 5000, 'the listener error surfacing')).toMatchObject({
      message: 'listener bug',
    });
    await double.waitForPoll('main.callBack');
    double.notify('main.callBack', 'second');
    await waitUntil(() => received.length === 2, 'the next notification');
    expect(received).toEqual(['first', 'second']);
  });
});

describe('backlog', () => {
  const fx = useWireFixture();

  test('notifications an SDK plugin queued before the subscription are backlog; the ones after are live', async () => {
    const plugin = createPlugin({ folder: await fx.folder(), namespace: 'demo', name: 'clock' });
    const { sock } = await plugin.start();
    try {
      for (let i = 1; i <= 3; i++) plugin.notify('tick', `queued ${i}`);
      // Queued a while before the subscription, as a clock's ticks are.
      await new Promise((r) => setTimeout(r, 20));
      const client = fx.client({ sock, url: 'unix://democlock', id: 'demo/clock' });
      const got: Array<[string, boolean]> = [];
      const stop = client.subscribe('tick', (body, backlog) => got.push([body.toString(), backlog]));
      await waitUntil(() => got.length === 3 && plugin.pendingPolls('tick') === 1, 'the backlog, then a parked poll', 5000);
      plugin.notify('tick', 'live');
      await waitUntil(() => got.length === 4, 'the live notification', 5000);
      stop();
      expect(got).toEqual([
        ['queued 1', true],
        ['queued 2', true],
        ['queued 3', true],
        ['live', false],
      ]);
    } finally {
      await plugin.stop();
    }
  });

  test('a Go plugin sends no queue header (it keeps no queue): every notification is live', async () => {
    const { double, client } = await fx.pair();
    const got: boolean[] = [];
    const stop = client.subscribe('main.callBack', (_body, backlog) => got.push(backlog));
    await double.waitForPoll('main.callBack');
    double.notify('main.callBack', 'Test Data');
    await waitUntil(() => got.length === 1, 'the notification', 5000);
    stop();
    expect(got).toEqual([false]);
  });
});
