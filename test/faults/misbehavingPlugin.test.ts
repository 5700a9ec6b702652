/**
 * Plugins that answer wrongly, through the registry (`execute`): one that accepts and never
 * answers, one that answers garbage, a truncated body, a 10 GiB Content-Length or an endless
 * chunked stream. The caller gets TIMEOUT at the deadline, or BAD_RESPONSE / TOO_LARGE at once;
 * other plugins keep serving meanwhile; the bad connection is dropped; memory stays bounded.
 * (The same faults against the wire client alone: test/core/wire/errors.test.ts.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoPlugError } from '../../src/core/errors.js';
import { openRegistry, type PluginRegistry } from '../../src/core/registry/index.js';
import { createPlugin, type GoPlugPlugin } from '../../src/sdk/index.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import {
  startGoPluginDouble,
  type GoPluginDouble,
  type GoPluginDoubleOptions,
} from '../helpers/goPluginDouble.js';
import { growthMiB, readMemory } from '../helpers/memory.js';
import { waitForState } from '../helpers/registryWait.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

const LIMIT = 8 * 1024 * 1024;

let dir: Awaited<ReturnType<typeof tempFolder>>;
let registry: PluginRegistry | undefined;
const doubles: GoPluginDouble[] = [];
const plugins: GoPlugPlugin[] = [];

beforeEach(async () => {
  dir = await tempFolder('gp-m-');
});
afterEach(async () => {
  await registry?.close();
  registry = undefined;
  await Promise.all(plugins.splice(0).map((p) => p.stop()));
  await Promise.all(doubles.splice(0).map((d) => d.close()));
  await dir.remove();
});

async function double(opts: Omit<GoPluginDoubleOptions, 'dir' | 'writePconf'>): Promise<GoPluginDouble> {
  const d = await startGoPluginDouble({ dir: dir.path, writePconf: true, ...opts });
  doubles.push(d);
  return d;
}

async function open(): Promise<PluginRegistry> {
  registry = await openRegistry({ folders: [dir.path], request: { maxResponseBytes: LIMIT } });
  await registry.whenIdle();
  return registry;
}

/** The call's error; fails the test if it resolves, throws something else, or hangs. */
async function failure(call: Promise<unknown>, what: string): Promise<GoPlugError> {
  const outcome = await withDeadline(
    call.then(
      () => new Error(`${what} succeeded`),
      (err: unknown) => err,
    ),
    10_000,
    what,
  );
  if ((outcome as GoPlugError).name !== 'GoPlugError') throw outcome;
  return outcome as GoPlugError;
}

describe('a plugin that accepts a call and never answers', () => {
  it('fails the call with TIMEOUT at its deadline while other plugins, and its other methods, keep serving', async () => {
    const hung = await double({
      name: 'Hang',
      faults: { 'main.Do': 'hang' },
      methods: { 'main.Do': '', 'main.Ok': 'ok' },
    });
    const echo = createPlugin({ folder: dir.path, namespace: 'good', name: 'echo' }).method('Echo', (b) => b);
    plugins.push(echo);
    await echo.start();
    const reg = await open();
    await waitForState(reg, 'good/echo', 'started');

    let hangSettled = false;
    const hanging = failure(
      reg.execute('Test/Hang', 'main.Do', 'x', { timeoutMs: 1500 }),
      'the hung call',
    ).finally(() => (hangSettled = true));
    await hung.waitForRequests(2); // Activate, then the call that hangs
    const servedDuringHang: boolean[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await reg.execute('good/echo', 'Echo', `call ${i}`);
      expect(res.body.toString()).toBe(`call ${i}`);
      servedDuringHang.push(!hangSettled);
    }
    expect((await reg.execute('Test/Hang', 'main.Ok')).body.toString()).toBe('ok');
    servedDuringHang.push(!hangSettled);
    expect(servedDuringHang.every(Boolean)).toBe(true);

    const err = await hanging;
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toBe('Plugin Test/Hang: main.Do did not complete within 1500 ms (no answer yet)');
    expect(reg.get('Test/Hang')).toMatchObject({
      state: 'started',
      unreachable: true,
      error: { code: 'TIMEOUT' },
    });
    // The hung connection is dropped, not left to pile up; the next answer clears the mark.
    const hungConnection = hung.requests.find((r) => r.target === '/main.Do')!.connection;
    await waitUntil(() => !hung.isConnectionOpen(hungConnection), 'the hung connection to be closed');
    expect((await reg.execute('Test/Hang', 'main.Ok')).status).toBe(200);
    expect(reg.get('Test/Hang')?.unreachable).toBe(false);
  });
});

describe('a plugin that answers what is not a GoPlug answer', () => {
  const cases = [
    {
      method: 'Garbage',
      code: 'BAD_RESPONSE',
      message: /^Plugin Test\/Bad: Garbage: the answer is not valid HTTP\/1\.1 \(.*SSH-2\.0/,
    },
    {
      method: 'Truncated',
      code: 'BAD_RESPONSE',
      message:
        /^Plugin Test\/Bad: Truncated: the connection closed after 10 of the 100 announced body bytes: the answer is truncated$/,
    },
    {
      method: 'Huge',
      code: 'TOO_LARGE',
      message: new RegExp(
        `^Plugin Test/Bad: Huge: the answer announces 10737418240 bytes \\(Content-Length\\), over the limit of ${LIMIT} bytes; the connection was dropped$`,
      ),
    },
    {
      method: 'Endless',
      code: 'TOO_LARGE',
      message: new RegExp(
        `^Plugin Test/Bad: Endless: the answer sent more than ${LIMIT} bytes, over the limit`,
      ),
    },
  ] as const;

  async function badPlugin(): Promise<{ bad: GoPluginDouble; reg: PluginRegistry }> {
    const bad = await double({
      name: 'Bad',
      methods: { Garbage: '', Truncated: '', Huge: '', Endless: '', Fine: 'fine' },
      faults: {
        Garbage: 'garbage',
        Truncated: 'truncated',
        Huge: 'huge-content-length',
        Endless: 'endless-chunked',
      },
    });
    const reg = await open();
    expect(reg.get('Test/Bad')?.state).toBe('started');
    return { bad, reg };
  }

  it('garbage, a truncated body, a 10 GiB Content-Length, an endless chunked stream: a typed error each, the connection dropped, the plugin still usable', async () => {
    const { bad, reg } = await badPlugin();
    for (const { method, code, message } of cases) {
      const err = await failure(reg.execute('Test/Bad', method), method);
      expect(err.code, err.message).toBe(code);
      expect(err.message).toMatch(message);
      const connection = bad.requests.findLast((r) => r.target === `/${method}`)!.connection;
      await waitUntil(() => !bad.isConnectionOpen(connection), `the ${method} connection to be dropped`);
      // A bad answer is the plugin's bug, not a sign it is gone: it stays started and reachable.
      expect(reg.get('Test/Bad')).toMatchObject({ state: 'started', unreachable: false });
      expect((await reg.execute('Test/Bad', 'Fine')).body.toString()).toBe('fine');
    }
  });

  it('memory stays bounded over 10 rounds of every bad answer (each endless stream is cut at the limit)', async () => {
    const { bad, reg } = await badPlugin();
    const round = async () => {
      for (const { method, code } of cases) {
        expect((await failure(reg.execute('Test/Bad', method), method)).code).toBe(code);
      }
    };
    await round(); // warm-up: lazily built parts of undici and the registry are not growth
    const before = readMemory();
    for (let i = 0; i < 10; i++) await round();
    await waitUntil(() => bad.openConnections() <= 1, 'the bad connections to be dropped');
    const growth = growthMiB(before, readMemory());
    // 10 GiB were announced and ~80 MiB streamed at us: not even one limit's worth is still held.
    expect(growth.held, JSON.stringify(growth)).toBeLessThan(LIMIT / 1024 ** 2);
    expect(growth.rss, JSON.stringify(growth)).toBeLessThan(64);
  });
});
