/**
 * A plugin process killed with SIGKILL at the worst moments: idle (noticed by the health check),
 * with many calls in flight, in the middle of Activate, and while a callback long-poll waits.
 * Each time the user sees a typed error at once (never at a deadline) and the plugin's state
 * says what happened; nothing is left waiting. (Killed idle and noticed by the next call, and
 * killed in the middle of one call: test/core/registry/processes.test.ts.)
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoPlugError } from '../../src/core/errors.js';
import { openRegistry, type PluginRegistry, type RegistryOptions } from '../../src/core/registry/index.js';
import { buildNode, type Build } from '../helpers/buildOnce.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { killAllPluginProcesses, waitForExit, type PluginProcess } from '../helpers/pluginProcess.js';
import { waitForEvent, waitForState } from '../helpers/registryWait.js';
import {
  installScriptedPlugin,
  startScriptedPlugin,
  waitForMarker,
  type ScriptedPluginOptions,
} from '../helpers/scriptedPlugin.js';
import { tempFolder } from '../helpers/tempFolder.js';

/** Far beyond the hang guards below: a call that settles did so because the process died. */
const LONG_DEADLINE_MS = 120_000;
const SETTLES_WITHIN_MS = 10_000;

let build: Build;
let dir: Awaited<ReturnType<typeof tempFolder>>;
let registry: PluginRegistry | undefined;

beforeAll(async () => {
  build = await buildNode(['src/sdk/index.js']);
  await installScriptedPlugin(build);
}, 120_000);
afterAll(() => build.remove());

beforeEach(async () => {
  dir = await tempFolder('gp-k-');
});
afterEach(async () => {
  await registry?.close();
  registry = undefined;
  await killAllPluginProcesses();
  await dir.remove();
});

const plugin = (opts: Omit<ScriptedPluginOptions, 'dir'>) =>
  startScriptedPlugin(build, { dir: dir.path, ...opts });

async function open(extra: Partial<RegistryOptions> = {}): Promise<PluginRegistry> {
  registry = await openRegistry({ folders: [dir.path], request: { timeoutMs: LONG_DEADLINE_MS }, ...extra });
  return registry;
}

async function kill(proc: PluginProcess): Promise<void> {
  proc.child.kill('SIGKILL');
  expect((await waitForExit(proc)).signal).toBe('SIGKILL');
}

/** Settles the promise into its error (or fails the test if it resolves or hangs). */
async function failure(promise: Promise<unknown>, what: string): Promise<GoPlugError> {
  const outcome = await withDeadline(
    promise.then(
      () => new Error(`${what} succeeded`),
      (err: unknown) => err,
    ),
    SETTLES_WITHIN_MS,
    what,
  );
  if ((outcome as GoPlugError).name !== 'GoPlugError') throw outcome;
  return outcome as GoPlugError;
}

describe('a plugin process killed with SIGKILL', () => {
  it('while idle: the health check marks it unreachable, with the reason, without any call', async () => {
    const proc = await plugin({ name: 'idle' });
    const reg = await open({ healthCheckMs: 100 });
    await waitForState(reg, 'fault/idle', 'started');
    const noticed = waitForEvent(reg, (e) => e.type === 'changed' && e.plugin.unreachable);
    await kill(proc);
    await noticed;
    const snapshot = reg.get('fault/idle')!;
    expect(snapshot.state).toBe('started');
    expect(snapshot.unreachable).toBe(true);
    // Usually the ping finds nobody listening; a ping already on its way sees the connection close.
    const reasons = {
      CONNECT_FAILED: `Plugin fault/idle: Ping: cannot connect to socket ${proc.sock}: connection refused: no process listens on this socket (a stale file left by a plugin that died?) (ECONNREFUSED)`,
      PLUGIN_GONE: expect.stringMatching(
        /^Plugin fault\/idle: Ping: the connection closed before any answer/,
      ),
    };
    const code = snapshot.error?.code as keyof typeof reasons;
    expect(Object.keys(reasons)).toContain(code);
    expect(snapshot.error?.message).toEqual(reasons[code]);
  });

  it('with 40 calls in flight (more than the pool has sockets): every call fails at once, none waits for its deadline', async () => {
    const proc = await plugin({ name: 'busy' });
    const reg = await open();
    await waitForState(reg, 'fault/busy', 'started');
    const calls = Array.from({ length: 40 }, () =>
      failure(reg.execute('fault/busy', 'Delay', String(LONG_DEADLINE_MS)), 'a call cut off by the kill'),
    );
    await waitForMarker(proc, 'delaying');
    await kill(proc);
    const codes = (await Promise.all(calls)).map((err) => err.code);
    // On a socket: the connection closed under it. Still queued for one: nobody listens any more.
    expect(new Set(codes)).toEqual(
      new Set(codes.filter((c) => c === 'PLUGIN_GONE' || c === 'CONNECT_FAILED')),
    );
    expect(codes).toContain('PLUGIN_GONE');
    expect(reg.get('fault/busy')).toMatchObject({ state: 'started', unreachable: true });
  });

  it('during Activate: start() fails with PLUGIN_GONE at once, the plugin is back to Discovered with the error', async () => {
    const proc = await plugin({ name: 'slow', lazyLoad: true, hangActivate: true });
    const reg = await open();
    await reg.whenIdle();
    const starting = reg.start('fault/slow');
    starting.catch(() => undefined); // its failure is awaited below, after the kill
    await waitForMarker(proc, 'activating');
    expect(reg.get('fault/slow')?.state).toBe('starting');
    await kill(proc);

    const err = await failure(starting, 'start() during the kill');
    expect(err.code).toBe('PLUGIN_GONE');
    expect(err.message).toMatch(/^Plugin fault\/slow: Activate: the connection closed before any answer/);
    const snapshot = reg.get('fault/slow')!;
    expect(snapshot).toMatchObject({ state: 'discovered', unreachable: true, methods: [] });
    expect(snapshot.error).toMatchObject({ code: 'PLUGIN_GONE', message: err.message });
    expect(snapshot.history.at(-1)).toMatchObject({ state: 'discovered', reason: err.message });
    await reg.whenIdle();

    // Nothing is stuck: a healthy process in its place starts normally.
    await plugin({ name: 'slow', lazyLoad: true });
    expect((await reg.start('fault/slow')).state).toBe('started');
    expect((await reg.execute('fault/slow', 'Echo', 'back')).body.toString()).toBe('back');
  });

  it('during a callback long-poll: the subscription ends once, with PLUGIN_GONE, and the plugin shows unreachable', async () => {
    const proc = await plugin({ name: 'ticker', reportPollsFor: 'tick' });
    const reg = await open();
    await waitForState(reg, 'fault/ticker', 'started');
    const ends: Array<GoPlugError | undefined> = [];
    const firstEnd = new Promise<void>((resolve) => {
      reg.subscribe(
        'fault/ticker',
        'tick',
        () => undefined,
        (err) => {
          ends.push(err);
          resolve();
        },
      );
    });
    await waitForMarker(proc, 'polled tick');
    await kill(proc);
    await withDeadline(firstEnd, SETTLES_WITHIN_MS, 'the subscription to end');
    expect(ends).toHaveLength(1);
    expect(ends[0]?.code).toBe('PLUGIN_GONE');
    expect(ends[0]?.message).toMatch(
      /^Plugin fault\/ticker: RegisterCallback: the connection closed before any answer/,
    );
    expect(reg.get('fault/ticker')).toMatchObject({ unreachable: true, error: { code: 'PLUGIN_GONE' } });
    // It never retries by itself: still one end after a while, and no new poll anywhere.
    await new Promise((r) => setTimeout(r, 300));
    expect(ends).toHaveLength(1);
  });
});
