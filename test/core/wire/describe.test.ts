/**
 * The describe request on the wire: an SDK plugin's answer is read and validated; a Go plugin,
 * which knows nothing of it, answers the recorded 400 of any unknown path; bad, huge, deep and
 * late answers become a clear outcome or error within the request's own limits.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESCRIBE_LIMITS, DESCRIBE_PATH } from '../../../src/core/describeProtocol.js';
import { createPlugin } from '../../../src/sdk/index.js';
import { useWireFixture } from '../../helpers/wireFixture.js';
import { readSocatLog } from '../../helpers/wireRecording.js';

const WIRE = join(import.meta.dirname, '../../fixtures/goplug-wire');
const fx = useWireFixture();

/** The Go plugin's recorded answer to `POST /Nope`, a path it has no method for. */
function recordedUnknownPathAnswer(): Buffer {
  const records = readSocatLog(join(WIRE, 'curl-vs-plugin.socat.log'));
  const at = records.findIndex(
    (r) => r.direction === 'to-plugin' && r.bytes.toString().startsWith('POST /Nope '),
  );
  return records[at + 1]!.bytes;
}

function ok(json: unknown): string {
  const body = typeof json === 'string' ? json : JSON.stringify(json);
  return `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

async function cannedClient(reply: string | Buffer) {
  const server = await fx.canned(reply);
  return fx.client({ sock: server.sock, url: 'unix://Test', id: 'Test/Canned' });
}

describe('describe', () => {
  it("reads an SDK plugin's answer: descriptions, examples with their content type, callbacks", async () => {
    const plugin = createPlugin({ folder: await fx.folder(), namespace: 'demo', name: 'kv' })
      .method('Set', () => 1, { description: 'Stores a value.', example: { key: 'k', value: 'v' } })
      .callback('changed', { description: 'After each Set.', example: 'k' });
    const { sock } = await plugin.start();
    try {
      const client = fx.client({ sock, url: 'unix://demokv', id: 'demo/kv' });
      expect(await client.describe()).toEqual({
        kind: 'described',
        answer: {
          version: 1,
          methods: [
            {
              name: 'Set',
              description: 'Stores a value.',
              example: { body: '{\n  "key": "k",\n  "value": "v"\n}', contentType: 'application/json' },
            },
          ],
          callbacks: [
            {
              name: 'changed',
              description: 'After each Set.',
              example: { body: 'k', contentType: 'text/plain' },
            },
          ],
        },
      });
    } finally {
      await plugin.stop();
    }
  });

  it('a Go plugin answers the describe path like any unknown method (the recorded 400): unsupported', async () => {
    const recorded = recordedUnknownPathAnswer();
    expect(recorded.toString('latin1')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    const client = await cannedClient(recorded);
    expect(await client.describe()).toEqual({ kind: 'unsupported', status: 400 });
  });

  it('an ordinary HTTP server that has no such path (404) is unsupported too', async () => {
    const client = await cannedClient('HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found');
    expect(await client.describe()).toEqual({ kind: 'unsupported', status: 404 });
  });

  it('the Go plugin double routes it by its first segment, .well-known, which no Go method can have', async () => {
    const { double, client } = await fx.pair();
    expect(await client.describe()).toEqual({ kind: 'unsupported', status: 400 });
    const sent = double.requests.at(-1)!;
    expect([sent.verb, sent.target]).toEqual(['POST', DESCRIBE_PATH]);
    expect(sent.headers.find(([name]) => name.toLowerCase() === 'content-length')?.[1]).toBe('0');
  });

  it.each([
    ['not JSON', ok('<html>'), /^it is not UTF-8 JSON/],
    ['without the version', ok({ methods: [] }), /^version: /],
    ['a method without a name', ok({ version: 1, methods: [{ description: 'x' }] }), /^methods\.0\.name: /],
    [
      'an example that is not text',
      ok({ version: 1, methods: [{ name: 'A', example: { body: {}, contentType: 'x' } }] }),
      /^methods\.0\.example\.body: /,
    ],
    [
      'a description too long',
      ok({ version: 1, callbacks: [{ name: 'A', description: 'x'.repeat(4001) }] }),
      /^callbacks\.0\.description: /,
    ],
    [
      'nested too deep',
      ok(`{"version":1,"x":${'['.repeat(40)}${']'.repeat(40)}}`),
      /nested more than 16 levels deep/,
    ],
    [
      'a server error',
      'HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\nboom',
      /^it answered 500 "boom"/,
    ],
  ])('an answer %s is invalid, and the reason says where', async (_what, reply, reason) => {
    const client = await cannedClient(reply);
    const outcome = await client.describe();
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && outcome.reason).toMatch(reason);
  });

  it('an answer over the size limit is cut off as TOO_LARGE, before its body is read', async () => {
    const client = await cannedClient(
      `HTTP/1.1 200 OK\r\nContent-Length: ${DESCRIBE_LIMITS.maxBytes + 1}\r\n\r\n{`,
    );
    await expect(client.describe()).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('a plugin that never answers fails with TIMEOUT at the describe deadline, not the call deadline', async () => {
    const { client } = await fx.pair({ faults: { '.well-known': 'hang' } }, { timeoutMs: 60_000 });
    await expect(client.describe({ timeoutMs: 200 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(client.describe()).rejects.toThrow(`${DESCRIBE_LIMITS.timeoutMs} ms`);
  });
});
