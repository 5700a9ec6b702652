/** The collection runner against real SDK plugins on real Unix sockets, through a real registry. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Collection, CollectionRequest } from '../../../src/core/collections/collectionSchema.js';
import { junitXml } from '../../../src/core/collections/junitReport.js';
import { runCollection, stopStarted, type RequestResult } from '../../../src/core/collections/runner.js';
import { openRegistry, type PluginRegistry } from '../../../src/core/registry/index.js';
import { createPlugin, type GoPlugPlugin } from '../../../src/sdk/index.js';
import { parseXml } from '../../helpers/xmlDocument.js';
import { tempFolder } from '../../helpers/tempFolder.js';

let dir: Awaited<ReturnType<typeof tempFolder>>;
let registry: PluginRegistry;
const plugins: GoPlugPlugin[] = [];
/** Told when the plugin is inside a call to Hang (which answers only when the call is cut short). */
let hanging: () => void = () => undefined;

beforeEach(async () => {
  dir = await tempFolder();
  plugins.push(
    createPlugin({ folder: dir.path, namespace: 'demo', name: 'echo' })
      .method('Echo', (body) => body)
      .method('Upper', (body) => body.toString('utf8').toUpperCase())
      .method('ContentType', (_body, ctx) => ctx.headers['content-type'] ?? 'none')
      .method('Fail', () => {
        throw new Error('<b>broken</b>\u202e\u001b[2J');
      })
      .method('Hang', (_body, ctx) => {
        hanging();
        return new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve('')));
      })
      .method('Slow', (_body, ctx) => new Promise((resolve) => {
        const timer = setTimeout(() => resolve('late'), 300);
        ctx.signal.addEventListener('abort', () => clearTimeout(timer));
      })),
    createPlugin({ folder: dir.path, namespace: 'demo', name: 'kv', lazyLoad: true }).method('Get', () => ({
      key: 'k',
      value: { n: 1, tags: ['a', 'b'] },
      extra: true,
    })),
  );
  await Promise.all(plugins.map((p) => p.start()));
  registry = await openRegistry({ folders: [dir.path], autoDiscover: false });
  await registry.rescan();
});

afterEach(async () => {
  await registry.close();
  await Promise.all(plugins.splice(0).map((p) => p.stop()));
  await dir.remove();
});

const request = (r: Partial<CollectionRequest> & Pick<CollectionRequest, 'name' | 'method'>): CollectionRequest => ({
  plugin: 'demo/echo',
  ...r,
});

async function run(requests: CollectionRequest[], started = new Set<string>()): Promise<RequestResult[]> {
  const collection: Collection = { name: 'smoke', requests };
  return (await runCollection(registry, collection, { timeoutMs: 5_000, started })).results;
}

describe('running a collection', () => {
  it("passes the issue's example and sends JSON bodies as JSON", async () => {
    const results = await run([
      request({ name: 'upper', method: 'Upper', body: 'hi', expect: { status: 200, body: 'HI' } }),
      request({ name: 'json', method: 'Echo', body: { a: [1, 'x'] }, expect: { body: { a: [1, 'x'] }, bodyContains: '"x"' } }),
      request({ name: 'base64', method: 'Echo', body: 'aGk=', bodyEncoding: 'base64', expect: { body: 'hi' } }),
      request({ name: 'type', method: 'ContentType', body: 'x', expect: { body: 'application/json' } }),
      request({ name: 'own type', method: 'ContentType', body: 'x', contentType: 'text/plain; charset=utf-8', expect: { body: 'text/plain; charset=utf-8' } }),
    ]);
    expect(results.map((r) => [r.name, r.passed, r.status, r.differences])).toEqual([
      ['upper', true, 200, []],
      ['json', true, 200, []],
      ['base64', true, 200, []],
      ['type', true, 200, []],
      ['own type', true, 200, []],
    ]);
    expect(results[0]!.durationMs).toBeGreaterThan(0);
  });

  it('says what differed for each kind of expectation', async () => {
    const results = await run([
      request({ name: 'status', method: 'Fail', expect: { bodyContains: 'broken' } }),
      request({ name: 'body', method: 'Upper', body: 'hi', expect: { body: 'hi' } }),
      request({ name: 'contains', method: 'Upper', body: 'hi', expect: { bodyContains: 'ho' } }),
      request({ name: 'json', method: 'Echo', body: { a: { b: [1, 2] } }, expect: { json: { a: { b: [1, 3] } } } }),
      request({ name: 'not json', method: 'Upper', body: 'hi', expect: { json: { a: 1 } } }),
      request({ name: 'exact json', method: 'Echo', body: { a: 1, b: 2 }, expect: { body: { a: 1 } } }),
      request({ name: 'time', method: 'Slow', expect: { maxMs: 50 } }),
      request({ name: 'no method', method: 'Nope' }),
      request({ name: 'no plugin', plugin: 'demo/none', method: 'Echo' }),
    ]);
    const byName = Object.fromEntries(results.map((r) => [r.name, r.differences]));
    expect(results.every((r) => !r.passed)).toBe(true);
    expect(byName.status).toEqual([{ check: 'status', expected: '200', actual: '500' }]);
    expect(byName.body).toEqual([{ check: 'body', expected: '"hi"', actual: '"HI"' }]);
    expect(byName.contains).toEqual([{ check: 'bodyContains', expected: '"ho"', actual: '"HI"' }]);
    expect(byName.json).toEqual([{ check: 'json $.a.b[1]', expected: '3', actual: '2' }]);
    expect(byName['not json']).toEqual([{ check: 'json', expected: '{"a":1}', actual: 'not JSON: "HI"' }]);
    expect(byName['exact json']).toEqual([{ check: 'body $', expected: 'no member "b"', actual: '{"a":1,"b":2}' }]);
    expect(byName.time).toEqual([{ check: 'maxMs', expected: 'at most 50 ms', actual: expect.stringMatching(/^\d+ ms$/) }]);
    expect(byName['no method']![0]).toMatchObject({ check: 'call', expected: 'the plugin answered' });
    expect(byName['no method']![0]!.actual).toMatch(/^METHOD_NOT_FOUND: /);
    expect(byName['no plugin']![0]).toMatchObject({ check: 'call', expected: 'the plugin started' });
    expect(byName['no plugin']![0]!.actual).toMatch(/^NOT_DISCOVERED: /);
  });

  it('keeps hostile plugin text printable and short in what it reports', async () => {
    plugins.push(
      createPlugin({ folder: dir.path, namespace: 'demo', name: 'big' }).method('Big', () => '\u202e\u001b[2J' + 'x'.repeat(100_000)),
    );
    await plugins.at(-1)!.start();
    await registry.rescan();
    const [result] = await run([request({ name: 'big', plugin: 'demo/big', method: 'Big', expect: { body: 'small' } })]);
    const actual = result!.differences[0]!.actual;
    expect(actual).not.toContain('\u001b');
    expect(actual).not.toContain('\u202e');
    expect(actual).toContain('\\u202e');
    expect(actual.length).toBeLessThan(200);
  });

  it('starts a lazy plugin for its request, matches a JSON subset, and stops what it started', async () => {
    expect(registry.get('demo/kv')?.state).toBe('discovered');
    const started = new Set<string>();
    const results = await run(
      [request({ name: 'get', plugin: 'demo/kv', method: 'Get', expect: { json: { value: { tags: ['a', 'b'] } } } })],
      started,
    );
    expect(results[0]).toMatchObject({ passed: true, differences: [] });
    expect(registry.get('demo/kv')?.state).toBe('started');
    expect([...started]).toEqual(['demo/kv']);
    await stopStarted(registry, started);
    expect(registry.get('demo/kv')?.state).not.toBe('started');
  });

  it('cancels: the request in flight is cut short and nothing more runs', async () => {
    const controller = new AbortController();
    const collection: Collection = {
      name: 'slow',
      requests: [request({ name: 'first', method: 'Echo' }), request({ name: 'hang', method: 'Hang' }), request({ name: 'after', method: 'Echo' })],
    };
    hanging = () => controller.abort();
    const outcome = await runCollection(registry, collection, { timeoutMs: 60_000, signal: controller.signal });
    expect(outcome.cancelled).toBe(true);
    expect(outcome.results.map((r) => r.name)).toEqual(['first']);
  });

  it('writes a JUnit report that an XML parser reads back, plugin text included', async () => {
    const collection: Collection = {
      name: 'smoke & <more>',
      requests: [request({ name: 'ok', method: 'Echo' }), request({ name: 'bad "one"', method: 'Fail', expect: { body: ']]>' } })],
    };
    const runResult = await runCollection(registry, collection, { timeoutMs: 5_000 });
    const xml = junitXml([{ file: 'smoke.collection.json', run: runResult, timestamp: new Date(0) }]);
    const doc = parseXml(xml);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect([root.tagName, root.getAttribute('tests'), root.getAttribute('failures')]).toEqual(['testsuites', '2', '1']);
    const suite = doc.getElementsByTagName('testsuite')[0]!;
    expect(suite.getAttribute('name')).toBe('smoke & <more>');
    expect(suite.getAttribute('file')).toBe('smoke.collection.json');
    const cases = [...doc.getElementsByTagName('testcase')];
    expect(cases.map((c) => [c.getAttribute('name'), c.getAttribute('classname')])).toEqual([
      ['ok', 'demo/echo.Echo'],
      ['bad "one"', 'demo/echo.Fail'],
    ]);
    const failure = cases[1]!.getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).toBe('status: expected 200, got 500');
    expect(failure.textContent).toContain('body: expected "]]>", got "<b>broken</b>\\u202e\\u001b[2J"');
  });
});
