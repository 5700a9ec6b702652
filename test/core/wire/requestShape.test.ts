/**
 * The client's requests must look like the Go host's (go-host-vs-plugin.socat.log): the same
 * request line, Host, Content-Length: 0 without a body, Content-Type: application/json with one,
 * and the same body. Header names are compared case-insensitively (HTTP says they are); the
 * Go host's User-Agent and our `connection: keep-alive` are the only headers allowed to differ.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { PluginClient } from '../../../src/core/wire/index.js';
import { withDeadline } from '../../../src/core/withDeadline.js';
import type { GoPluginDouble } from '../../helpers/goPluginDouble.js';
import { useWireFixture } from '../../helpers/wireFixture.js';
import { readSocatLog } from '../../helpers/wireRecording.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/goplug-wire');
const IGNORED = new Set(['user-agent', 'connection']);

interface Shape {
  requestLine: string;
  headers: Record<string, string>;
  body: string;
}

function shapeOf(raw: Buffer): Shape {
  const text = raw.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  const [requestLine = '', ...lines] = text.slice(0, headEnd).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    if (!IGNORED.has(name)) headers[name] = line.slice(colon + 1).trim();
  }
  return { requestLine, headers, body: text.slice(headEnd + 4) };
}

const goHostRequests = readSocatLog(path.join(FIXTURES, 'go-host-vs-plugin.socat.log'))
  .filter((t) => t.direction === 'to-plugin')
  .map((t) => t.bytes);

/** Makes the call the Go host made, through our client. */
async function replay(target: string, client: PluginClient, double: GoPluginDouble): Promise<void> {
  switch (target) {
    case '/Activate':
      await client.activate();
      return;
    case '/Ping':
      await client.ping();
      return;
    case '/main.Do':
      await client.call('main.Do');
      return;
    case '/RegisterCallback': {
      const poll = client.longPoll('main.callBack');
      await double.waitForPoll('main.callBack');
      double.notify('main.callBack', 'Test Data');
      await poll;
      return;
    }
    case '/Stop':
      await client.stop();
      return;
    default:
      throw new Error(`no replay for ${target}`);
  }
}

describe('request bytes', () => {
  const fixture = useWireFixture();

  test('every request the Go host sent, made by our client, has the same shape', async () => {
    // `POST /` is the Go host calling an empty name from Activate: we refuse those (see quirks).
    const recorded = goHostRequests.filter((raw) => shapeOf(raw).requestLine !== 'POST / HTTP/1.1');
    expect(recorded.map((raw) => shapeOf(raw).requestLine)).toEqual([
      'POST /Activate HTTP/1.1',
      'POST /Ping HTTP/1.1',
      'POST /main.Do HTTP/1.1',
      'POST /RegisterCallback HTTP/1.1',
      'POST /RegisterCallback HTTP/1.1',
      'POST /Stop HTTP/1.1',
    ]);
    const { double, client } = await fixture.pair();
    for (const raw of recorded) {
      const expected = shapeOf(raw);
      const before = double.requests.length;
      const target = expected.requestLine.split(' ')[1] ?? '';
      await withDeadline(replay(target, client, double), 5000, `the ${target} call`);
      const sent = double.requests[before];
      expect(sent, target).toBeDefined();
      expect(shapeOf(sent!.raw), target).toEqual(expected);
    }
  });

  test('no body: Content-Length 0 and no Content-Type; a body, even empty: Content-Type application/json', async () => {
    const { double, client } = await fixture.pair();
    await client.call('main.Do');
    await client.call('main.Do', '{"a":1}');
    await client.call('main.Do', Buffer.from([0xff, 0x00]));
    await client.call('main.Do', '');
    const shapes = double.requests.map((r) => shapeOf(r.raw));
    expect(shapes[0]!.headers).toEqual({ host: 'TestDo', 'content-length': '0' });
    expect(shapes[1]!.headers).toEqual({
      host: 'TestDo',
      'content-type': 'application/json',
      'content-length': '7',
    });
    expect(shapes[1]!.body).toBe('{"a":1}');
    // Not JSON, still labelled JSON, as the Go host does.
    expect(shapes[2]!.headers['content-type']).toBe('application/json');
    expect(double.requests[2]!.body).toEqual(Buffer.from([0xff, 0x00]));
    expect(shapes[3]!.headers).toEqual({
      host: 'TestDo',
      'content-type': 'application/json',
      'content-length': '0',
    });
  });

  test('a call may label its body with its own Content-Type; one that could break the header is refused unsent', async () => {
    const { double, client } = await fixture.pair();
    await client.call('main.Do', 'hello', { contentType: 'text/plain; charset=utf-8' });
    // Without a body there is nothing to label: the Go host's shape stays.
    await client.call('main.Do', undefined, { contentType: 'text/plain' });
    const shapes = double.requests.map((r) => shapeOf(r.raw));
    expect(shapes[0]!.headers).toEqual({
      host: 'TestDo',
      'content-type': 'text/plain; charset=utf-8',
      'content-length': '5',
    });
    expect(shapes[1]!.headers).toEqual({ host: 'TestDo', 'content-length': '0' });
    for (const bad of ['text/plain\r\nX-Evil: 1', 'plain', '']) {
      await expect(client.call('main.Do', 'x', { contentType: bad })).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('is not a media type'),
      });
    }
    expect(double.requests).toHaveLength(2);
  });

  test('Host is the host part of the Url, case kept; a Url without one falls back to localhost', async () => {
    const double = await fixture.double();
    const hosts: string[] = [];
    for (const url of [
      'unix://TestDo',
      'unix://My.Plugin:80/ignored?q',
      'unix://',
      'not a url',
      'unix://bad host',
    ]) {
      const client = fixture.client({ sock: double.sock, url });
      await client.call('main.Do');
      hosts.push(shapeOf(double.requests.at(-1)!.raw).headers.host ?? '');
    }
    expect(hosts).toEqual(['TestDo', 'My.Plugin:80', 'localhost', 'localhost', 'localhost']);
  });

  test('method names are percent-encoded so the Go server decodes them back', async () => {
    const { double, client } = await fixture.pair({
      methods: { 'main.F[int]': 'generic', 'main.Façade': 'accent' },
    });
    expect((await client.call('main.F[int]')).body.toString()).toBe('generic');
    expect((await client.call('main.Façade')).body.toString()).toBe('accent');
    expect(double.requests.map((r) => r.target)).toEqual(['/main.F%5Bint%5D', '/main.Fa%C3%A7ade']);
  });
});
