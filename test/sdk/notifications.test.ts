/**
 * Notifications on the wire: kept in order per callback name until a RegisterCallback long-poll
 * takes them (the Go plugin loses them), bounded with the oldest dropped and counted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlugin, DEFAULT_MAX_QUEUED_NOTIFICATIONS, type GoPlugPlugin, type PluginOptions } from '../../src/sdk/index.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { RawHttpConnection, unixRequest } from '../helpers/unixHttp.js';
import { waitUntil } from '../helpers/waitUntil.js';

let dir: Awaited<ReturnType<typeof tempFolder>>;
const plugins: GoPlugPlugin[] = [];
const connections: RawHttpConnection[] = [];

beforeEach(async () => {
  dir = await tempFolder('gp-note-');
});

afterEach(async () => {
  connections.splice(0).forEach((c) => c.close());
  await Promise.all(plugins.splice(0).map((p) => p.stop().catch(() => {})));
  await dir.remove();
});

async function started(options: Partial<PluginOptions> = {}): Promise<{ plugin: GoPlugPlugin; sock: string }> {
  const plugin = createPlugin({ folder: dir.path, namespace: 'n', name: 'notes', ...options });
  plugins.push(plugin);
  return { plugin, sock: (await plugin.start()).sock };
}

async function open(sock: string): Promise<RawHttpConnection> {
  const connection = await RawHttpConnection.open(sock);
  connections.push(connection);
  return connection;
}

function pollRequest(name: string): string {
  const body = JSON.stringify(name);
  return `POST /RegisterCallback HTTP/1.1\r\nHost: n\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('notifications', () => {
  it('keeps a burst of 1,000 notifies with no poll waiting, and hands them out in order, none lost', async () => {
    const { plugin, sock } = await started();
    for (let i = 0; i < 1000; i += 1) plugin.notify('tick', `n${i}`);
    expect(plugin.queuedNotifications('tick')).toBe(1000);
    // One keep-alive connection polling again as soon as it is answered, as the Go host does.
    const connection = await open(sock);
    const received: string[] = [];
    for (let i = 0; i < 1000; i += 1) {
      connection.write(pollRequest('tick'));
      received.push((await connection.response()).body.toString());
    }
    expect(received).toEqual(Array.from({ length: 1000 }, (_, i) => `n${i}`));
    expect([plugin.queuedNotifications('tick'), plugin.droppedNotifications('tick')]).toEqual([0, 0]);
  });

  it('answers a waiting poll at once with the notification', async () => {
    const { plugin, sock } = await started();
    const poll = unixRequest(sock, '/RegisterCallback', { body: '"main.callBack"' });
    await waitUntil(() => plugin.pendingPolls('main.callBack') === 1, 'the poll to park', 5000);
    plugin.notify('main.callBack', 'Test Data');
    const res = await poll;
    expect([res.status, res.body.toString(), res.headers['content-type']]).toEqual([200, 'Test Data', 'text/plain; charset=utf-8']);
  });

  it('keeps callback names apart', async () => {
    const { plugin, sock } = await started();
    plugin.notify('a', 'for a');
    plugin.notify('b', 'for b');
    expect((await unixRequest(sock, '/RegisterCallback', { body: '"b"' })).body.toString()).toBe('for b');
    expect((await unixRequest(sock, '/RegisterCallback', { body: '"a"' })).body.toString()).toBe('for a');
  });

  it('beyond the bound, drops the OLDEST and counts them; notify never throws', async () => {
    const { plugin, sock } = await started({ maxQueuedNotifications: 5 });
    for (let i = 1; i <= 12; i += 1) plugin.notify('tick', String(i));
    expect([plugin.queuedNotifications('tick'), plugin.droppedNotifications('tick')]).toEqual([5, 7]);
    const received: string[] = [];
    for (let i = 0; i < 5; i += 1) received.push((await unixRequest(sock, '/RegisterCallback', { body: '"tick"' })).body.toString());
    expect(received).toEqual(['8', '9', '10', '11', '12']);
    expect(plugin.droppedNotifications('other')).toBe(0);
  });

  it('holds 10,000 per name by default', () => {
    expect(DEFAULT_MAX_QUEUED_NOTIFICATIONS).toBe(10_000);
    const plugin = createPlugin({ folder: dir.path, name: 'bound' });
    for (let i = 0; i < 10_001; i += 1) plugin.notify('x', 'y');
    expect([plugin.queuedNotifications('x'), plugin.droppedNotifications('x')]).toEqual([10_000, 1]);
  });

  it('answers several polls waiting on one name first come, first served', async () => {
    const { plugin, sock } = await started();
    const connections = [await open(sock), await open(sock), await open(sock)];
    for (const [i, connection] of connections.entries()) {
      connection.write(pollRequest('tick'));
      await waitUntil(() => plugin.pendingPolls('tick') === i + 1, `poll ${i + 1} to park`, 5000);
    }
    for (const text of ['first', 'second', 'third']) plugin.notify('tick', text);
    const bodies = await Promise.all(connections.map(async (c) => (await c.response()).body.toString()));
    expect(bodies).toEqual(['first', 'second', 'third']);
  });

  it('does not lose a notification to a poll whose caller hung up', async () => {
    const { plugin, sock } = await started();
    const gone = await open(sock);
    gone.write(pollRequest('tick'));
    await waitUntil(() => plugin.pendingPolls('tick') === 1, 'the poll to park', 5000);
    gone.close();
    await waitUntil(() => plugin.pendingPolls('tick') === 0, 'the plugin to notice the hang-up', 5000);
    plugin.notify('tick', 'kept');
    expect((await unixRequest(sock, '/RegisterCallback', { body: '"tick"' })).body.toString()).toBe('kept');
  });

  it('sends JSON values as JSON and bytes as they are; refuses data with no JSON form', async () => {
    const { plugin, sock } = await started();
    plugin.notify('x', { time: 't', seq: 1 });
    plugin.notify('x', Buffer.from([0, 1, 2]));
    expect((await unixRequest(sock, '/RegisterCallback', { body: '"x"' })).body.toString()).toBe('{"time":"t","seq":1}');
    expect((await unixRequest(sock, '/RegisterCallback', { body: '"x"' })).body).toEqual(Buffer.from([0, 1, 2]));
    expect(() => plugin.notify('x', { big: 1n })).toThrow(/Notification for x cannot be sent as JSON/);
  });

  it('queues notifies made before start', async () => {
    const plugin = createPlugin({ folder: dir.path, name: 'early' });
    plugins.push(plugin);
    plugin.notify('boot', 'hello');
    const { sock } = await plugin.start();
    expect((await unixRequest(sock, '/RegisterCallback', { body: '"boot"' })).body.toString()).toBe('hello');
  });

  it('on stop, ends waiting polls with an empty 503 and closes their connections; later notifies are counted as dropped', async () => {
    const { plugin, sock } = await started();
    const connection = await open(sock);
    connection.write(pollRequest('tick'));
    await waitUntil(() => plugin.pendingPolls('tick') === 1, 'the poll to park', 5000);
    const stopping = plugin.stop();
    const res = await connection.response();
    expect([res.status, res.body.length]).toEqual([503, 0]);
    await connection.closed;
    await stopping;
    plugin.notify('tick', 'late');
    expect(plugin.droppedNotifications('tick')).toBe(1);
  });
});
