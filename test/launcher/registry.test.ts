/**
 * The registry with a process supervisor: plugins known by a launch manifest are listed while
 * stopped, started by launching their process, stopped by ending it, and reactivated after a
 * crash. Real processes (the fixture plugin), real folders.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  formatManifest,
  ProcessSupervisor,
  type ManifestInput,
  type SupervisorOptions,
} from '../../src/core/launcher/index.js';
import { openRegistry, type PluginRegistry } from '../../src/core/registry/index.js';
import type { RegistryEvent } from '../../src/core/types.js';
import { fixtureManifest } from '../helpers/fixturePlugin.js';
import { isGone } from '../helpers/processState.js';
import { waitForState } from '../helpers/registryWait.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

const ID = 'test/fixture';

let dir: Awaited<ReturnType<typeof tempFolder>>;
let supervisor: ProcessSupervisor;
let registry: PluginRegistry | undefined;
let events: RegistryEvent[];

beforeEach(async () => {
  dir = await tempFolder('gp-lr-');
  events = [];
});
afterEach(async () => {
  await registry?.close();
  registry = undefined;
  await supervisor?.close();
  await dir.remove();
});

async function writeManifest(input: ManifestInput, folder = dir.path): Promise<string> {
  const path = join(folder, `${input.namespace ?? ''}${input.name}.plugin.json`);
  await writeFile(path, formatManifest(input));
  return path;
}

async function open(
  options: { autoDiscover?: boolean; supervisor?: SupervisorOptions } = {},
): Promise<PluginRegistry> {
  supervisor = new ProcessSupervisor({ orphanGuard: false, statsIntervalMs: 0, ...options.supervisor });
  registry = await openRegistry({
    folders: [dir.path],
    autoDiscover: options.autoDiscover,
    launcher: supervisor,
  });
  registry.on('event', (event) => events.push(event));
  await registry.whenIdle();
  return registry;
}

describe('a plugin with a launch manifest', () => {
  it('is listed while stopped, started by launching it, stopped by ending it, and can start again', async () => {
    const manifestPath = await writeManifest(fixtureManifest());
    const reg = await open();
    expect(reg.get(ID)).toMatchObject({
      state: 'stopped',
      manifestPath,
      manifest: {
        name: 'fixture',
        namespace: 'test',
        command: process.execPath,
        restart: 'on-failure',
        cwd: dir.path,
      },
      sock: '',
      confPath: '',
    });
    expect(reg.get(ID)!.process).toBeUndefined();

    const started = await reg.start(ID);
    expect(started).toMatchObject({
      state: 'started',
      methods: ['Echo'],
      sock: join(dir.path, 'testfixture.sock'),
      process: { state: 'running', restarts: 0 },
    });
    const pid = started.process!.pid!;
    expect((await reg.execute(ID, 'Echo', 'hi')).body.toString()).toBe('hi');

    const stopped = await reg.stop(ID);
    expect(stopped).toMatchObject({
      state: 'stopped',
      manifestPath,
      process: { state: 'exited', pid: null, lastExit: { code: 0, requested: true } },
    });
    expect(isGone(pid)).toBe(true);
    expect(existsSync(join(dir.path, 'testfixture.pconf'))).toBe(false);
    await reg.whenIdle();
    expect(reg.get(ID)?.state).toBe('stopped');
    expect(events.map((e) => e.type)).toContain('log');

    expect(await reg.start(ID)).toMatchObject({ state: 'started', process: { state: 'running' } });
  });

  it('is launched on discovery when autoStart is set, and stays stopped after a stop', async () => {
    await writeManifest(fixtureManifest({ autoStart: true }));
    const reg = await open();
    await waitForState(reg, ID, 'started');
    await reg.stop(ID);
    await reg.whenIdle();
    await new Promise((r) => setTimeout(r, 300));
    expect(reg.get(ID)).toMatchObject({ state: 'stopped', process: { state: 'exited' } });
  });

  it('is retried when its autoStart launch fails before ready, and ends Started with nobody starting it', async () => {
    const counter = join(dir.path, 'runs');
    await writeManifest(
      fixtureManifest({
        autoStart: true,
        env: { FIXTURE_FAIL_AT_START: '2', FIXTURE_COUNTER: counter, FIXTURE_FAIL_RUNS: '2' },
      }),
    );
    const reg = await open({ supervisor: { backoff: { initialMs: 50 } } });
    // The watcher may see the .pconf (and the registry activate) just before the supervisor's
    // readiness check does: wait for both.
    await waitUntil(
      () => reg.get(ID)?.state === 'started' && reg.get(ID)?.process?.state === 'running',
      'started and running',
      15_000,
    );
    expect(reg.get(ID)).toMatchObject({
      state: 'started',
      methods: ['Echo'],
      process: { state: 'running', restarts: 2, recentCrashes: 2 },
    });
    expect(await readFile(counter, 'utf8')).toBe('3');
    expect((await reg.execute(ID, 'Echo', 'up')).body.toString()).toBe('up');
    expect(
      events.flatMap((e) => (e.type === 'process' && e.change === 'restarting' ? [e.message] : [])),
    ).toEqual([
      'exited (code 2) before it was ready; restarting in 50 ms (crash 1 of 5 crashes within 3 min)',
      'exited (code 2) before it was ready; restarting in 100 ms (crash 2 of 5 crashes within 3 min)',
    ]);
  });

  it('shows Fatal when its autoStart launch keeps failing before ready, and restart() tries afresh', async () => {
    await writeManifest(fixtureManifest({ autoStart: true, env: { FIXTURE_FAIL_AT_START: '2' } }));
    const reg = await open({
      supervisor: { backoff: { initialMs: 50 }, budget: { maxCrashes: 3, windowMs: 60_000 } },
    });
    await waitUntil(() => reg.get(ID)?.process?.state === 'fatal', 'fatal', 15_000);
    await reg.whenIdle();
    expect(reg.get(ID)).toMatchObject({
      state: 'stopped',
      process: {
        state: 'fatal',
        pid: null,
        restarts: 2,
        recentCrashes: 3,
        message:
          'exited (code 2) before it was ready; gave up restarting after 3 crashes within 1 min. Start it again when it is fixed.',
      },
    });
    expect(events.filter((e) => e.type === 'process' && e.change === 'spawned')).toHaveLength(3);
    // The user's restart: a fresh budget and its error at once; as an autoStart plugin it is retried
    // (after 50 ms: on a loaded machine the retry may have spawned already, so count spawns).
    const spawns = () => events.filter((e) => e.type === 'process' && e.change === 'spawned').length;
    await expect(reg.restart(ID)).rejects.toMatchObject({ code: 'PLUGIN_GONE' });
    expect(spawns()).toBeGreaterThanOrEqual(4); // the restart spawned it afresh (3 before)
    await waitUntil(() => spawns() >= 5, 'the retry after the restart', 15_000);
    await reg.stop(ID);
    expect(reg.get(ID)!.process).toMatchObject({ state: 'exited', nextRestartAt: null });
  });

  it('comes back after SIGKILL: Stopped with the reason, then Started again on the same socket', async () => {
    await writeManifest(fixtureManifest());
    const reg = await open({ supervisor: { backoff: { initialMs: 50 } } });
    const { process: first } = await reg.start(ID);
    process.kill(first!.pid!, 'SIGKILL');
    // The stale .pconf's removal and the supervisor's report race: either may stop it first.
    await waitUntil(() => reg.get(ID)?.error !== null, 'the stopped plugin with its error');
    expect(reg.get(ID)).toMatchObject({
      state: 'stopped',
      error: {
        code: 'PLUGIN_GONE',
        message: expect.stringMatching(/its process exited \(killed by SIGKILL\); restarting in 50 ms/),
      },
    });
    expect(events.filter((e) => e.type === 'stopped')).toHaveLength(1);
    await waitUntil(
      () => reg.get(ID)?.state === 'started' && reg.get(ID)?.process?.restarts === 1,
      'the restart',
    );
    expect(reg.get(ID)!.sock).toBe(join(dir.path, 'testfixture.sock'));
    expect((await reg.execute(ID, 'Echo', 'back')).body.toString()).toBe('back');
    expect(isGone(first!.pid!)).toBe(true);
  });

  it('says why when its process dies after its .pconf was removed, and brings it back', async () => {
    await writeManifest(fixtureManifest());
    const reg = await open({ supervisor: { backoff: { initialMs: 50 } } });
    const { process: first, confPath } = await reg.start(ID);
    await rm(confPath);
    await waitForState(reg, ID, 'stopped');
    expect(reg.get(ID)!.error).toBeNull();
    process.kill(first!.pid!, 'SIGKILL');
    await waitUntil(() => reg.get(ID)?.error !== null, 'the exit reported on the stopped plugin');
    const plugin = reg.get(ID)!;
    expect(plugin.error!.message).toMatch(/its process exited \(killed by SIGKILL\); restarting in 50 ms/);
    expect(plugin.history.at(-1)).toMatchObject({
      state: 'stopped',
      reason: expect.stringContaining('SIGKILL'),
    });
    await waitUntil(() => reg.get(ID)?.state === 'started', 'the restart');
    expect((await reg.execute(ID, 'Echo', 'back')).body.toString()).toBe('back');
  });

  it('shows Fatal after the crash budget and comes back with restart()', async () => {
    // Each run lives 1 s: long enough that the snapshot after restart() sees it running even on a
    // loaded machine (100 ms was not), short enough to reach the budget quickly.
    await writeManifest(fixtureManifest({ env: { FIXTURE_EXIT_AFTER_MS: '1000' } }));
    const reg = await open({
      supervisor: { backoff: { initialMs: 50 }, budget: { maxCrashes: 2, windowMs: 60_000 } },
    });
    await reg.start(ID);
    await waitUntil(() => reg.get(ID)?.process?.state === 'fatal', 'fatal', 15_000);
    expect(reg.get(ID)).toMatchObject({
      state: 'stopped',
      error: {
        code: 'PLUGIN_GONE',
        message: expect.stringContaining('gave up restarting after 2 crashes within 1 min'),
      },
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'process', id: ID, change: 'fatal' }));
    const again = await reg.restart(ID);
    expect(again).toMatchObject({
      state: 'started',
      process: { state: 'running', restarts: 0, recentCrashes: 0 },
    });
    await reg.stop(ID);
  });

  it('stops a plugin that ignores /Stop and SIGTERM, within its stopTimeoutMs', async () => {
    await writeManifest(
      fixtureManifest({ stopTimeoutMs: 500, env: { FIXTURE_IGNORE_STOP: '1', FIXTURE_IGNORE_SIGTERM: '1' } }),
    );
    const reg = await open();
    const { process: proc } = await reg.start(ID);
    const stopped = await reg.stop(ID);
    expect(stopped).toMatchObject({
      state: 'stopped',
      process: { state: 'exited', lastExit: { signal: 'SIGKILL' } },
      history: expect.arrayContaining([
        expect.objectContaining({ state: 'stopped', reason: expect.stringMatching(/SIGKILL/) }),
      ]),
    });
    expect(isGone(proc!.pid!)).toBe(true);
    expect(existsSync(join(dir.path, 'testfixture.sock'))).toBe(false);
  });

  it('a failed launch leaves it Stopped with the error, nothing running', async () => {
    await writeManifest(fixtureManifest({ env: { FIXTURE_FAIL_AT_START: '4' } }));
    const reg = await open();
    await expect(reg.start(ID)).rejects.toMatchObject({ code: 'PLUGIN_GONE' });
    expect(reg.get(ID)).toMatchObject({
      state: 'stopped',
      error: { code: 'PLUGIN_GONE', message: 'test/fixture exited (code 4) before it was ready: boom' },
      process: { state: 'exited', pid: null },
    });
  });

  it('with discovery off, start reads the manifest on demand', async () => {
    await writeManifest(fixtureManifest());
    const reg = await open({ autoDiscover: false });
    expect(reg.list()).toEqual([]);
    expect(await reg.start(ID)).toMatchObject({ state: 'started', process: { state: 'running' } });
    await reg.stop(ID);
  });

  it('survives a registry reopen on the same supervisor: the process keeps running and is picked up', async () => {
    await writeManifest(fixtureManifest());
    const reg = await open();
    const { process: proc } = await reg.start(ID);
    await reg.close();
    registry = await openRegistry({ folders: [dir.path], launcher: supervisor });
    await waitForState(registry, ID, 'started');
    expect(registry.get(ID)!.process).toMatchObject({ state: 'running', pid: proc!.pid });
  });
});

describe('manifests without a launcher, and broken ones', () => {
  it('lists the plugin and says how to launch it', async () => {
    await writeManifest(fixtureManifest());
    registry = await openRegistry({ folders: [dir.path] });
    expect(registry.get(ID)).toMatchObject({ state: 'stopped', manifest: { name: 'fixture' } });
    await expect(registry.start(ID)).rejects.toMatchObject({
      code: 'NOT_STARTED',
      message: expect.stringContaining('this host does not launch processes'),
      hint: expect.stringContaining('goplug up'),
    });
  });

  it('reports an invalid manifest as a problem with line and column, and a duplicate as a conflict', async () => {
    await writeFile(
      join(dir.path, 'bad.plugin.json'),
      '{\n  "name": "x",\n  "command": "node",\n  "restart": "sometimes"\n}\n',
    );
    const other = join(dir.path, 'second');
    await mkdir(other);
    await writeManifest(fixtureManifest(), dir.path);
    await writeManifest(fixtureManifest(), other);
    supervisor = new ProcessSupervisor({ orphanGuard: false, statsIntervalMs: 0 });
    registry = await openRegistry({ folders: [dir.path, other], launcher: supervisor });
    expect(registry.problems()).toEqual([
      expect.objectContaining({
        fileName: 'bad.plugin.json',
        kind: 'invalid',
        reason: 'bad.plugin.json: restart must be one of "no", "on-failure", "always"',
        line: 4,
        column: 14,
      }),
      expect.objectContaining({
        path: join(other, 'testfixture.plugin.json'),
        kind: 'conflict',
        winner: join(dir.path, 'testfixture.plugin.json'),
      }),
    ]);
  });
});

describe('a LazyLoad plugin whose process someone else launched', () => {
  it('with an autoStart manifest: its process is launched, activation waits for a start', async () => {
    await writeManifest(fixtureManifest({ autoStart: true, env: { FIXTURE_LAZY: '1' } }));
    const reg = await open();
    await waitUntil(
      () => reg.get(ID)?.process?.state === 'running' && reg.get(ID)?.state === 'discovered',
      'launched',
      10_000,
    );
    await reg.whenIdle();
    expect(reg.get(ID)).toMatchObject({ state: 'discovered', lazyLoad: true, methods: [] });
    expect((await reg.start(ID)).state).toBe('started');
    await reg.stop(ID);
  });

  it('is Discovered once its process is ready, and waits for an explicit start', async () => {
    const reg = await open();
    const input = fixtureManifest({ env: { FIXTURE_LAZY: '1' } });
    await supervisor.start({
      id: ID,
      folder: dir.path,
      pconfPath: join(dir.path, 'testfixture.pconf'),
      manifest: {
        ...input,
        namespace: 'test',
        args: input.args ?? [],
        env: input.env ?? {},
        cwd: dir.path,
        autoStart: false,
        restart: 'no',
        stopTimeoutMs: 2000,
        startTimeoutMs: 10_000,
      },
    });
    await waitForState(reg, ID, 'discovered');
    await reg.whenIdle();
    expect(reg.get(ID)).toMatchObject({ state: 'discovered', lazyLoad: true });
    expect(events.some((e) => e.type === 'starting')).toBe(false);
    expect((await reg.start(ID)).state).toBe('started');
  });
});
