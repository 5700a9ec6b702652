/**
 * The SDK's side of the describe extension, on the wire: declarations become the describe answer,
 * a Go host's callback names (`main.tick`) reach a TypeScript plugin's `tick`, and a queued
 * notification says how long it waited while a live one keeps the Go plugin's exact bytes.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DESCRIBE_PATH, parseDescribeAnswer } from '../../src/core/describeProtocol.js';
import { createPlugin, type GoPlugPlugin } from '../../src/sdk/index.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { parseResponses, RawHttpConnection, unixRequest, type RawResponse } from '../helpers/unixHttp.js';
import { waitUntil } from '../helpers/waitUntil.js';
import { readSocatLog } from '../helpers/wireRecording.js';

const WIRE = join(import.meta.dirname, '../fixtures/goplug-wire');

let dir: Awaited<ReturnType<typeof tempFolder>>;
const plugins: GoPlugPlugin[] = [];
const connections: RawHttpConnection[] = [];

beforeEach(async () => {
  dir = await tempFolder('gp-desc-');
});

afterEach(async () => {
  connections.splice(0).forEach((c) => c.close());
  await Promise.all(plugins.splice(0).map((p) => p.stop().catch(() => {})));
  await dir.remove();
});

function plugin(name = 'desc'): GoPlugPlugin {
  const p = createPlugin({ folder: dir.path, namespace: 'Test', name });
  plugins.push(p);
  return p;
}

async function open(sock: string): Promise<RawHttpConnection> {
  const connection = await RawHttpConnection.open(sock);
  connections.push(connection);
  return connection;
}

/** The recorded Go host's RegisterCallback request (body `"main.callBack"`) and the Go plugin's answer to it. */
function recordedCallback(): { request: Buffer; answer: RawResponse } {
  const records = readSocatLog(join(WIRE, 'go-host-vs-plugin.socat.log'));
  const at = records.findIndex(
    (r) => r.direction === 'to-plugin' && r.bytes.includes('POST /RegisterCallback'),
  );
  return { request: records[at]!.bytes, answer: parseResponses(records[at + 1]!.bytes).responses[0]! };
}

function comparable(res: RawResponse): object {
  const { date: _date, connection: _connection, ...headers } = res.headers;
  return { statusLine: res.statusLine, headers, body: res.body.toString('latin1') };
}

describe('the describe answer', () => {
  it('lists every method in registration order with its description and example, and the declared callbacks', async () => {
    const p = plugin()
      .method('Upper', (b) => b, { description: 'Upper-cases the body.', example: 'hello' })
      .method('Set', () => 1, { description: 'Stores a value.', example: { key: 'k', value: 1 } })
      .method('Raw', () => 1, { example: '{"a":1}' })
      .method('Plain', () => 1)
      .method('Csv', () => 1, { example: 'a,b', contentType: 'text/csv' })
      .callback('tick', { description: 'Every second.', example: { seq: 1 } });
    const { sock } = await p.start();
    const res = await unixRequest(sock, DESCRIBE_PATH, { method: 'POST' });
    expect([res.status, res.headers['content-type']]).toEqual([200, 'application/json']);
    const parsed = parseDescribeAnswer(res.body);
    expect(parsed).toEqual({
      ok: true,
      answer: {
        version: 1,
        methods: [
          {
            name: 'Upper',
            description: 'Upper-cases the body.',
            example: { body: 'hello', contentType: 'text/plain' },
          },
          {
            name: 'Set',
            description: 'Stores a value.',
            example: { body: '{\n  "key": "k",\n  "value": 1\n}', contentType: 'application/json' },
          },
          { name: 'Raw', example: { body: '{"a":1}', contentType: 'application/json' } },
          { name: 'Plain' },
          { name: 'Csv', example: { body: 'a,b', contentType: 'text/csv' } },
        ],
        callbacks: [
          {
            name: 'tick',
            description: 'Every second.',
            example: { body: '{\n  "seq": 1\n}', contentType: 'application/json' },
          },
        ],
      },
    });
    // The methods it describes are exactly the ones Activate lists.
    expect((await unixRequest(sock, '/Activate')).body.toString()).toBe(
      '["Upper","Set","Raw","Plain","Csv","","","",""]',
    );
  });

  it('a plugin that declares nothing still answers, with its method names', async () => {
    const { sock } = await plugin()
      .method('Do', () => 1)
      .start();
    const res = await unixRequest(sock, DESCRIBE_PATH);
    expect(JSON.parse(res.body.toString())).toEqual({ version: 1, methods: [{ name: 'Do' }], callbacks: [] });
  });

  it('refuses declarations a host would refuse, naming the method and what is wrong', () => {
    const p = plugin();
    expect(() => p.method('Long', () => 1, { description: 'x'.repeat(5000) })).toThrow(
      'Method "Long": the description is longer than 4000 characters',
    );
    expect(() => p.method('Big', () => 1, { example: 'x'.repeat(70_000) })).toThrow(
      /Method "Big": the example is longer/,
    );
    expect(() => p.method('Type', () => 1, { contentType: 'text/plain' })).toThrow(
      'Method "Type": a contentType needs an example',
    );
    expect(() => p.method('Bytes', () => 1, { example: Buffer.from([0xff, 0xfe]) })).toThrow(
      /not UTF-8 text/,
    );
    expect(() => p.callback('', {})).toThrow(/non-empty/);
    expect(() => p.callback('cycle', { example: { big: 1n } })).toThrow(
      /Callback "cycle": the example has no JSON form/,
    );
  });
});

describe('callbacks for a Go host', () => {
  it("the recorded Go host's RegisterCallback for main.callBack receives the plugin's callBack, byte for byte as from the Go plugin", async () => {
    const { request, answer } = recordedCallback();
    expect(request.toString()).toContain('"main.callBack"');
    const p = plugin('Do')
      .method('main.Do', () => undefined)
      .callback('callBack');
    const { sock } = await p.start();
    const connection = await open(sock);
    connection.write(request);
    await waitUntil(() => p.pendingPolls('main.callBack') === 1, 'the long-poll to park', 5000);
    p.notify('callBack', 'Test Data');
    expect(comparable(await connection.response())).toEqual(comparable(answer));
  });

  it('a notification queued under the short name before the Go host polls is handed to it, with the time it waited', async () => {
    const { request } = recordedCallback();
    const p = plugin('Do').callback('callBack');
    p.notify('callBack', 'early');
    const { sock } = await p.start();
    const connection = await open(sock);
    connection.write(request);
    const res = await connection.response();
    expect(res.body.toString()).toBe('early');
    expect(Number(res.headers['goplug-queued-ms'])).toBeGreaterThanOrEqual(0);
    expect(p.queuedNotifications('callBack')).toBe(0);
  });

  it('a plugin that notifies under the Go name itself is served under it, and a declared dotted name is never shortened', async () => {
    const p = plugin('Do').callback('main.exact');
    const { sock } = await p.start();
    const goNamed = unixRequest(sock, '/RegisterCallback', { body: '"main.callBack"' });
    await waitUntil(() => p.pendingPolls('main.callBack') === 1, 'the long-poll to park', 5000);
    p.notify('main.callBack', 'by Go name');
    expect((await goNamed).body.toString()).toBe('by Go name');
    // Now main.callBack is a name in use: a notify of callBack waits under its own name.
    const again = unixRequest(sock, '/RegisterCallback', { body: '"main.callBack"' });
    await waitUntil(() => p.pendingPolls('main.callBack') === 1, 'the second long-poll to park', 5000);
    p.notify('callBack', 'short');
    expect(p.queuedNotifications('callBack')).toBe(1);
    p.notify('main.callBack', 'second');
    expect((await again).body.toString()).toBe('second');

    const exact = unixRequest(sock, '/RegisterCallback', { body: '"main.exact"' });
    await waitUntil(() => p.pendingPolls('main.exact') === 1, 'the exact long-poll to park', 5000);
    p.notify('exact', 'not for it');
    expect(p.queuedNotifications('exact')).toBe(1);
    p.notify('main.exact', 'for it');
    expect((await exact).body.toString()).toBe('for it');
  });

  it("a live notification carries no queue header: the answer stays the Go plugin's shape", async () => {
    const p = plugin().callback('tick');
    const { sock } = await p.start();
    const poll = unixRequest(sock, '/RegisterCallback', { body: '"tick"' });
    await waitUntil(() => p.pendingPolls('tick') === 1, 'the long-poll to park', 5000);
    p.notify('tick', 'live');
    const res = await poll;
    expect(res.body.toString()).toBe('live');
    expect(res.headers['goplug-queued-ms']).toBeUndefined();
  });
});
