/**
 * The SDK plugin on the wire, checked with raw HTTP: every built-in as the Go plugin serves it,
 * and the Go host's and curl's recorded requests (test/fixtures/goplug-wire/) replayed against a
 * TypeScript plugin, whose answers must match the Go plugin's byte for byte but for Date.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlugin, type GoPlugPlugin, type PluginOptions } from '../../src/sdk/index.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { parseResponses, RawHttpConnection, unixRequest, type RawResponse } from '../helpers/unixHttp.js';
import { waitUntil } from '../helpers/waitUntil.js';
import { readSocatLog } from '../helpers/wireRecording.js';

const WIRE = join(import.meta.dirname, '../fixtures/goplug-wire');

let dir: Awaited<ReturnType<typeof tempFolder>>;
const plugins: GoPlugPlugin[] = [];
const connections: RawHttpConnection[] = [];

beforeEach(async () => {
  dir = await tempFolder('gp-wire-');
});

afterEach(async () => {
  connections.splice(0).forEach((c) => c.close());
  await Promise.all(plugins.splice(0).map((p) => p.stop().catch(() => {})));
  await dir.remove();
});

async function started(options: Partial<PluginOptions> = {}, setup?: (p: GoPlugPlugin) => void): Promise<{ plugin: GoPlugPlugin; sock: string }> {
  const plugin = createPlugin({ folder: dir.path, namespace: 'Test', name: 'Do', ...options });
  plugins.push(plugin);
  setup?.(plugin);
  const { sock } = await plugin.start();
  return { plugin, sock };
}

/** The Go example plugin's shape: one method, `main.Do`, returning nothing. */
function goExample(plugin: GoPlugPlugin): void {
  plugin.method('main.Do', () => undefined);
}

async function open(sock: string): Promise<RawHttpConnection> {
  const connection = await RawHttpConnection.open(sock);
  connections.push(connection);
  return connection;
}

/** What must be equal between the Go plugin's answer and ours (Date differs; node:http adds Connection). */
function comparable(res: RawResponse): object {
  const { date: _date, connection: _connection, ...headers } = res.headers;
  return { statusLine: res.statusLine, headers, body: res.body.toString('latin1') };
}

describe('built-ins', () => {
  it('Activate lists user methods, one "" per built-in, then the onActivate bytes raw', async () => {
    const { sock } = await started({ onActivate: () => Buffer.from([0x00, 0xff, 0x41]) }, (p) =>
      p.method('First', () => 1).method('Second', () => 2),
    );
    const res = await unixRequest(sock, '/Activate');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toEqual(Buffer.concat([Buffer.from('["First","Second","","","",""]'), Buffer.from([0, 0xff, 0x41])]));
  });

  it('Activate escapes method names as Go does (<, >, &)', async () => {
    const { sock } = await started({}, (p) => p.method('a<b>&c', () => 1));
    expect((await unixRequest(sock, '/Activate')).body.toString()).toBe('["a\\u003cb\\u003e\\u0026c","","","",""]');
  });

  it('Activate answers 500 with the message when onActivate throws', async () => {
    const { sock } = await started({
      onActivate: () => {
        throw new Error('no licence');
      },
    });
    const res = await unixRequest(sock, '/Activate');
    expect([res.status, res.body.toString()]).toEqual([500, 'no licence']);
  });

  it('Ping echoes the body byte for byte, whatever the verb; empty body, no Content-Type', async () => {
    const { sock } = await started();
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect((await unixRequest(sock, '/Ping', { body: bytes })).body).toEqual(bytes);
    expect((await unixRequest(sock, '/Ping', { method: 'PUT', body: 'hi' })).body.toString()).toBe('hi');
    const empty = await unixRequest(sock, '/Ping');
    expect([empty.status, empty.headers['content-length'], empty.headers['content-type']]).toEqual([200, '0', undefined]);
  });

  it('unknown method, empty path, undecodable path: 400 with an empty body', async () => {
    const { sock } = await started(undefined, goExample);
    for (const path of ['/Nope', '/', '/%zz', '/main.do']) {
      const res = await unixRequest(sock, path);
      expect([path, res.status, res.body.length]).toEqual([path, 400, 0]);
    }
  });

  it('only the first path segment selects the method; the query is ignored', async () => {
    const { sock } = await started({}, (p) => p.method('Echo', (body) => body));
    const res = await unixRequest(sock, '/Echo/extra/stuff?q=1', { body: 'x' });
    expect([res.status, res.body.toString()]).toEqual([200, 'x']);
  });

  it('a path that is not clean gets a 301 to its clean form, as Go\'s ServeMux answers', async () => {
    const { sock } = await started();
    const connection = await open(sock);
    connection.write('POST //Activate HTTP/1.1\r\nHost: X\r\n\r\n');
    connection.write('POST /x/../Ping?a=1 HTTP/1.1\r\nHost: X\r\n\r\n');
    const first = await connection.response();
    const second = await connection.response();
    expect([first.status, first.headers.location, first.body.length]).toEqual([301, '/Activate', 0]);
    expect([second.status, second.headers.location]).toEqual([301, '/Ping?a=1']);
  });

  it('GET calls methods too', async () => {
    const { sock } = await started(undefined, goExample);
    expect((await unixRequest(sock, '/Activate', { method: 'GET' })).body.toString()).toBe('["main.Do","","","",""]');
    expect((await unixRequest(sock, '/main.Do', { method: 'GET' })).status).toBe(200);
  });

  it('a body that is not a JSON string on RegisterCallback is a 400 that says so; the plugin keeps serving', async () => {
    const { sock } = await started();
    for (const body of ['{"name":"x"}', 'tick', '']) {
      const res = await unixRequest(sock, '/RegisterCallback', { body });
      expect(res.status).toBe(400);
      expect(res.body.toString()).toMatch(/^RegisterCallback needs a JSON string naming the callback/);
    }
    expect((await unixRequest(sock, '/Ping', { body: 'alive' })).body.toString()).toBe('alive');
  });

  it('Stop answers 200, closes the connection, then removes the .pconf and the socket', async () => {
    let onStopRan = false;
    const { plugin, sock } = await started({ onStop: () => void (onStopRan = true) });
    const res = await unixRequest(sock, '/Stop');
    expect([res.status, res.body.length, res.headers.connection]).toEqual([200, 0, 'close']);
    await plugin.stopped;
    expect(onStopRan).toBe(true);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('stop() closes idle keep-alive connections', async () => {
    const { plugin, sock } = await started();
    const idle = await open(sock);
    idle.write('POST /Ping HTTP/1.1\r\nHost: X\r\nContent-Length: 2\r\n\r\nhi');
    expect((await idle.response()).body.toString()).toBe('hi');
    await plugin.stop();
    await idle.closed;
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('refuses a body above maxRequestBytes with a 413 that says so', async () => {
    const { sock } = await started({ maxRequestBytes: 10 });
    const res = await unixRequest(sock, '/Ping', { body: 'x'.repeat(11) });
    expect([res.status, res.body.toString()]).toEqual([413, 'Request body is larger than 10 bytes, the most this plugin accepts']);
  });
});

describe('methods', () => {
  it('Buffer and string are sent as they are, undefined as an empty 200, anything else as JSON', async () => {
    const { sock } = await started({}, (p) =>
      p
        .method('Bytes', () => Buffer.from([1, 2, 3]))
        .method('Text', () => 'héllo')
        .method('Nothing', () => undefined)
        .method('Json', async () => ({ ok: true, list: [1, 'a', null] }))
        .method('Null', () => null),
    );
    expect((await unixRequest(sock, '/Bytes')).body).toEqual(Buffer.from([1, 2, 3]));
    expect((await unixRequest(sock, '/Text')).body.toString()).toBe('héllo');
    const nothing = await unixRequest(sock, '/Nothing');
    expect([nothing.status, nothing.body.length, nothing.headers['content-type']]).toEqual([200, 0, undefined]);
    expect((await unixRequest(sock, '/Json')).body.toString()).toBe('{"ok":true,"list":[1,"a",null]}');
    expect((await unixRequest(sock, '/Null')).body.toString()).toBe('null');
  });

  it('a throw (or rejection) is a 500 whose text/plain body is the message', async () => {
    const { sock } = await started({}, (p) =>
      p
        .method('Fail', () => {
          throw new Error('disk full');
        })
        .method('Reject', () => Promise.reject(new Error('later'))),
    );
    const res = await unixRequest(sock, '/Fail');
    expect([res.status, res.headers['content-type'], res.body.toString()]).toEqual([500, 'text/plain; charset=utf-8', 'disk full']);
    expect((await unixRequest(sock, '/Reject')).body.toString()).toBe('later');
  });

  it('a result with no JSON form is a 500 naming the method', async () => {
    const { sock } = await started({}, (p) => p.method('Big', () => ({ n: 1n })));
    const res = await unixRequest(sock, '/Big');
    expect(res.status).toBe(500);
    expect(res.body.toString()).toMatch(/^The result of Big cannot be sent as JSON/);
  });

  it('gets the body and a context; its signal aborts when the caller hangs up', async () => {
    let aborted: Promise<void> | undefined;
    const { sock } = await started({}, (p) =>
      p.method('Wait', (body, ctx) => {
        expect([body.toString(), ctx.method]).toEqual(['payload', 'Wait']);
        aborted = new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
        return new Promise(() => {});
      }),
    );
    const connection = await open(sock);
    connection.write('POST /Wait HTTP/1.1\r\nHost: X\r\nContent-Length: 7\r\n\r\npayload');
    await waitUntil(() => aborted !== undefined, 'the handler to run', 5000);
    connection.close();
    await aborted;
  });

  it('a call in flight when the plugin stops has its signal aborted with the reason, and its answer still goes out', async () => {
    let running = false;
    const { plugin, sock } = await started({}, (p) =>
      p.method('Wait', (_body, ctx) => {
        running = true;
        return new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(new Error(`cut short: ${(ctx.signal.reason as Error).message}`))),
        );
      }),
    );
    const call = unixRequest(sock, '/Wait');
    await waitUntil(() => running, 'the handler to run', 5000);
    await plugin.stop();
    const res = await call;
    expect([res.status, res.body.toString()]).toEqual([500, 'cut short: Plugin Test/Do is stopping']);
  });

  it('method names must be usable and not a built-in', () => {
    const p = createPlugin({ folder: dir.path, name: 'x' });
    expect(() => p.method('Ping', () => 1)).toThrow(/built-ins/);
    expect(() => p.method('', () => 1)).toThrow(/non-empty/);
    expect(() => p.method('a/b', () => 1)).toThrow(/without "\/"/);
  });
});

describe('the Go host and curl, replayed from the recorded wire', () => {
  it('the Go host on ONE keep-alive connection gets the Go plugin\'s answers, and its pipelined Stop behind a pending long-poll ends both', async () => {
    const records = readSocatLog(join(WIRE, 'go-host-vs-plugin.socat.log'));
    const { plugin, sock } = await started(undefined, goExample);
    const connection = await open(sock);
    let i = 0;
    // Request/answer pairs up to the first long-poll (Activate, Ping, main.Do, four POST /).
    for (; records[i + 1]?.direction === 'from-plugin' && !records[i]!.bytes.includes('RegisterCallback'); i += 2) {
      connection.write(records[i]!.bytes);
      const expected = parseResponses(records[i + 1]!.bytes).responses[0]!;
      expect(comparable(await connection.response())).toEqual(comparable(expected));
    }
    // The first long-poll is answered by a notification, exactly as the Go plugin answered it.
    connection.write(records[i]!.bytes);
    await waitUntil(() => plugin.pendingPolls('main.callBack') === 1, 'the long-poll to park', 5000);
    plugin.notify('main.callBack', 'Test Data');
    const expected = parseResponses(records[i + 1]!.bytes).responses[0]!;
    expect(comparable(await connection.response())).toEqual(comparable(expected));
    // Then the host re-polls and sends Stop on the same connection, behind the held poll.
    const [repoll, stop] = [records[i + 2]!, records[i + 3]!];
    expect(stop.bytes.toString()).toMatch(/^POST \/Stop /);
    connection.write(repoll.bytes);
    await waitUntil(() => plugin.pendingPolls('main.callBack') === 1, 'the re-poll to park', 5000);
    connection.write(stop.bytes);
    const pollEnd = await connection.response();
    const stopAnswer = await connection.response();
    expect([pollEnd.status, pollEnd.body.length]).toEqual([503, 0]);
    expect([stopAnswer.status, stopAnswer.headers.connection]).toEqual([200, 'close']);
    await connection.closed;
    await plugin.stopped;
  });

  it('curl\'s requests, one connection each, get the Go plugin\'s answers (and Stop is answered)', async () => {
    const records = readSocatLog(join(WIRE, 'curl-vs-plugin.socat.log'));
    const { plugin, sock } = await started(undefined, goExample);
    for (let i = 0; i < records.length; i += 2) {
      const request = records[i]!;
      const answer = records[i + 1];
      const connection = await open(sock);
      connection.write(request.bytes);
      const callback = /"([^"]+)"$/.exec(request.bytes.toString());
      if (request.bytes.includes('POST /RegisterCallback') && callback) {
        await waitUntil(() => plugin.pendingPolls(callback[1]!) === 1, 'the long-poll to park', 5000);
        plugin.notify(callback[1]!, 'Test Data');
      }
      const ours = await connection.response();
      if (answer === undefined) {
        // The Go plugin exits on Stop without answering; we answer, then stop.
        expect(request.bytes.toString()).toMatch(/^POST \/Stop /);
        expect(ours.status).toBe(200);
      } else {
        expect(comparable(ours)).toEqual(comparable(parseResponses(answer.bytes).responses[0]!));
      }
      connection.close();
    }
    await plugin.stopped;
  });
});
