/**
 * The process supervisor with real processes: the fixture plugin (plain Node, see
 * test/fixtures/launcher/fixturePlugin.mjs) launched, crashed, stopped the hard way.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ProcessSupervisor,
  type LaunchSpec,
  type SupervisorEvent,
  type SupervisorOptions,
} from '../../src/core/launcher/index.js';
import type { LaunchManifest, LogLine, ProcessChange } from '../../src/core/types.js';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { FIXTURE_PLUGIN } from '../helpers/fixturePlugin.js';
import { isGone, procState } from '../helpers/processState.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

let dir: Awaited<ReturnType<typeof tempFolder>>;
let supervisor: ProcessSupervisor | undefined;
let events: SupervisorEvent[] = [];

beforeEach(async () => {
  dir = await tempFolder('gp-l-');
  events = [];
});
afterEach(async () => {
  await supervisor?.close();
  supervisor = undefined;
  await dir.remove();
});

function open(options: SupervisorOptions = {}): ProcessSupervisor {
  supervisor = new ProcessSupervisor({ orphanGuard: false, statsIntervalMs: 0, ...options });
  supervisor.on('event', (event) => events.push(event));
  return supervisor;
}

function spec(env: Record<string, string> = {}, manifest: Partial<LaunchManifest> = {}): LaunchSpec {
  return {
    id: 'test/fixture',
    folder: dir.path,
    pconfPath: join(dir.path, 'testfixture.pconf'),
    manifest: {
      name: 'fixture',
      namespace: 'test',
      command: process.execPath,
      args: [FIXTURE_PLUGIN],
      cwd: dir.path,
      env,
      autoStart: false,
      restart: 'on-failure',
      stopTimeoutMs: 5_000,
      startTimeoutMs: 10_000,
      ...manifest,
    },
  };
}

const changes = (): Array<{ change: ProcessChange; message: string }> =>
  events.flatMap((e) => (e.type === 'process' ? [{ change: e.change, message: e.message }] : []));

const logged = (): LogLine[] => events.flatMap((e) => (e.type === 'log' ? e.lines : []));

/** The supervisor's own lines, pids and paths as `<pid>` and `<dir>`, for comparing whole lists. */
const supervisorLines = (): string[] =>
  logged()
    .filter((l) => l.stream === 'supervisor')
    .map((l) => l.text.replace(/pid \d+/, 'pid <pid>').replaceAll(dir.path, '<dir>'));

function expectCleanedUp(pid: number): void {
  expect(procState(pid)).toBeNull(); // reaped: not even a zombie
  expect(existsSync(join(dir.path, 'testfixture.pconf'))).toBe(false);
  expect(existsSync(join(dir.path, 'testfixture.sock'))).toBe(false);
}

describe('start and stop', () => {
  it('launches the plugin, waits for its .pconf and socket, and stops it with POST /Stop', async () => {
    const sup = open();
    const info = await sup.start(spec());
    expect(info).toMatchObject({ state: 'running', restarts: 0, lastExit: null, command: process.execPath });
    const pid = info.pid!;
    expect(procState(pid)).not.toBeNull();
    expect(existsSync(join(dir.path, 'testfixture.pconf'))).toBe(true);
    await expect(sup.start(spec())).rejects.toMatchObject({ code: 'ALREADY_STARTED' });

    const stopped = await sup.stop('test/fixture');
    expect(stopped).toMatchObject({
      state: 'exited',
      pid: null,
      lastExit: { code: 0, signal: null, requested: true },
      message: 'stopped after POST /Stop (code 0)',
    });
    expectCleanedUp(pid);
    expect(changes().map((c) => c.change)).toEqual(['spawned', 'ready', 'stopped']);
  });

  it('has CPU and memory figures as soon as the plugin is ready, not only at the next sampling tick', async () => {
    // A tick far away: only the first sample, taken as the plugin is ready, can bring figures.
    const sup = open({ statsIntervalMs: 60_000 });
    const { pid } = await sup.start(spec());
    const stats = () => events.flatMap((e) => (e.type === 'process-stats' ? e.samples : []));
    await waitUntil(() => stats().length > 0, 'a process-stats event');
    expect(stats()).toEqual([
      { id: 'test/fixture', pid, cpuPercent: expect.any(Number), rssBytes: expect.any(Number) },
    ]);
    expect(stats()[0]!.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(sup.info('test/fixture')).toMatchObject({ cpuPercent: stats()[0]!.cpuPercent, rssBytes: stats()[0]!.rssBytes });
  });

  it('gives the plugin GOPLUG_PLUGIN_DIR, the manifest env and cwd', async () => {
    const sup = open();
    await sup.start(
      spec(
        { FIXTURE_STDERR: 'hello from stderr' },
        { args: [FIXTURE_PLUGIN, 'ignored-arg'], cwd: REPO_ROOT },
      ),
    );
    await waitUntil(() => logged().some((l) => l.text === 'hello from stderr'), 'the stderr line');
    expect(logged().find((l) => l.text === 'hello from stderr')).toMatchObject({ stream: 'stderr' });
  });

  it('escalates on a plugin that ignores /Stop and SIGTERM: SIGKILL when stopTimeoutMs runs out', async () => {
    const sup = open();
    const { pid } = await sup.start(
      spec({ FIXTURE_IGNORE_STOP: '1', FIXTURE_IGNORE_SIGTERM: '1' }, { stopTimeoutMs: 600 }),
    );
    const stopped = await sup.stop('test/fixture');
    expect(stopped).toMatchObject({
      state: 'exited',
      lastExit: { code: null, signal: 'SIGKILL', requested: true },
      message: expect.stringMatching(/^stopped with SIGKILL: it did not exit within 600 ms/),
    });
    // It was asked nicely first: SIGTERM reached it (and was ignored) before SIGKILL.
    expect(logged().map((l) => l.text)).toContain('ignoring SIGTERM');
    // Its .pconf and socket were left behind by the kill; the supervisor removed them and says so
    // on the one line that reports the stop.
    expectCleanedUp(pid!);
    expect(supervisorLines().slice(-1)).toEqual([
      expect.stringMatching(
        /^stopped with SIGKILL: it did not exit within 600 ms \(stopTimeoutMs\) \(killed by SIGKILL\); removed stale .*testfixture\.sock and .*testfixture\.pconf$/,
      ),
    ]);
  });

  it('fails a launch clearly: exit before ready (with its output), unknown command, never ready', async () => {
    const sup = open();
    await expect(sup.start(spec({ FIXTURE_FAIL_AT_START: '2' }))).rejects.toMatchObject({
      code: 'PLUGIN_GONE',
      reason: 'exited (code 2) before it was ready: boom',
    });
    // Started by hand (autoStart false): the caller has the error; no retry, one line in the log.
    expect(sup.info('test/fixture')).toMatchObject({
      state: 'exited',
      pid: null,
      lastExit: { code: 2 },
      nextRestartAt: null,
      message: 'exited (code 2) before it was ready; not retried: started by hand (autoStart is false)',
    });
    expect(supervisorLines().slice(1)).toEqual([
      'exited (code 2) before it was ready; not retried: started by hand (autoStart is false)',
    ]);

    await expect(sup.start(spec({}, { command: join(dir.path, 'no-such-program') }))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      reason: expect.stringMatching(/^could not be launched: no such file or directory \(ENOENT\)/),
    });
    await expect(sup.start(spec({}, { cwd: join(dir.path, 'nowhere') }))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      reason: expect.stringContaining('cannot be launched in'),
    });

    // Long enough for Node to start and print on a loaded machine: the reason quotes that output.
    const never = sup.start(spec({ FIXTURE_NEVER_READY: '1' }, { startTimeoutMs: 2_000 }));
    await expect(never).rejects.toMatchObject({
      code: 'TIMEOUT',
      reason: expect.stringMatching(/^was not ready within 2000 ms .*does not exist yet: never ready/s),
    });
    const spawned = events.filter((e) => e.type === 'process' && e.change === 'spawned');
    const lastPid = (spawned.at(-1) as { process: { pid: number } }).process.pid;
    await waitUntil(() => isGone(lastPid), 'the never-ready process to be killed and reaped');
  });
});

describe('crashes', () => {
  it('restarts with doubling backoff, then gives up after the budget (Fatal) until started again', async () => {
    const sup = open({
      backoff: { initialMs: 50, maxMs: 1_000 },
      budget: { maxCrashes: 3, windowMs: 60_000 },
    });
    await sup.start(spec({ FIXTURE_EXIT_AFTER_MS: '100', FIXTURE_EXIT_CODE: '7' }));
    await waitUntil(() => sup.info('test/fixture')?.state === 'fatal', 'the plugin to be fatal', 20_000);

    const messages = changes()
      .filter((c) => c.change === 'restarting' || c.change === 'fatal')
      .map((c) => c.message);
    expect(messages).toEqual([
      'exited (code 7); restarting in 50 ms (crash 1 of 3 crashes within 1 min)',
      'exited (code 7); restarting in 100 ms (crash 2 of 3 crashes within 1 min)',
      'exited (code 7); gave up restarting after 3 crashes within 1 min. Start it again when it is fixed.',
    ]);
    // One log line per crash, saying it all: the exit, the clean-up of what it left, what comes next.
    const launched = `launched pid <pid>: ${process.execPath} ${FIXTURE_PLUGIN}`;
    const ready = 'ready on <dir>/testfixture.sock';
    const removed = 'removed stale <dir>/testfixture.sock and <dir>/testfixture.pconf';
    expect(supervisorLines()).toEqual([
      launched,
      ready,
      `exited (code 7); ${removed}; restarting in 50 ms (crash 1 of 3 crashes within 1 min)`,
      launched,
      ready,
      `exited (code 7); ${removed}; restarting in 100 ms (crash 2 of 3 crashes within 1 min)`,
      launched,
      ready,
      `exited (code 7); ${removed}; gave up restarting after 3 crashes within 1 min. Start it again when it is fixed.`,
    ]);
    const info = sup.info('test/fixture')!;
    expect(info).toMatchObject({
      pid: null,
      restarts: 2,
      recentCrashes: 3,
      lastExit: { code: 7, requested: false },
    });
    for (const event of events) {
      if (event.type === 'process' && event.change === 'spawned')
        expect(isGone(event.process.pid!)).toBe(true);
    }
    expect(existsSync(join(dir.path, 'testfixture.pconf'))).toBe(false);
    expect(existsSync(join(dir.path, 'testfixture.sock'))).toBe(false);

    // The user acts: a fresh budget.
    const again = await sup.start(spec());
    expect(again).toMatchObject({ state: 'running', restarts: 0, recentCrashes: 0 });
  });

  it('comes back after SIGKILL on the same socket; a stop during the backoff cancels the restart', async () => {
    const sup = open({ backoff: { initialMs: 50 } });
    const first = await sup.start(spec());
    process.kill(first.pid!, 'SIGKILL');
    await waitUntil(() => changes().filter((c) => c.change === 'ready').length === 2, 'the restart', 10_000);
    const second = sup.info('test/fixture')!;
    expect(second).toMatchObject({
      state: 'running',
      restarts: 1,
      lastExit: { signal: 'SIGKILL', requested: false },
    });
    expect(second.pid).not.toBe(first.pid);
    expect(isGone(first.pid!)).toBe(true);
    expect(changes().find((c) => c.change === 'ready')?.message).toBe(
      `ready on ${join(dir.path, 'testfixture.sock')}`,
    );
    expect(changes().filter((c) => c.change === 'ready')[1]?.message).toBe(
      `ready on ${join(dir.path, 'testfixture.sock')}`,
    );

    const slow = open({ backoff: { initialMs: 60_000 } });
    await sup.close();
    const third = await slow.start(spec());
    process.kill(third.pid!, 'SIGKILL');
    await waitUntil(() => slow.info('test/fixture')?.state === 'backoff', 'the backoff');
    expect(slow.info('test/fixture')!.nextRestartAt).toBeGreaterThan(Date.now());
    await slow.stop('test/fixture');
    expect(slow.info('test/fixture')).toMatchObject({ state: 'exited', nextRestartAt: null });
  });

  it('follows the policy: on-failure leaves a clean exit alone, always restarts it, no never restarts', async () => {
    const sup = open({ backoff: { initialMs: 50 } });
    await sup.start(spec({ FIXTURE_EXIT_AFTER_MS: '150', FIXTURE_EXIT_CODE: '0' }));
    await waitUntil(() => changes().some((c) => c.change === 'exited'), 'the exit');
    expect(changes().at(-1)?.message).toBe('exited (code 0); restart policy "on-failure": not restarted');

    events = [];
    await sup.start(spec({ FIXTURE_EXIT_AFTER_MS: '150', FIXTURE_EXIT_CODE: '5' }, { restart: 'no' }));
    await waitUntil(() => changes().some((c) => c.change === 'exited'), 'the exit');
    expect(changes().at(-1)?.message).toBe('exited (code 5); restart policy "no": not restarted');

    events = [];
    await sup.start(spec({ FIXTURE_EXIT_AFTER_MS: '150', FIXTURE_EXIT_CODE: '0' }, { restart: 'always' }));
    await waitUntil(() => changes().some((c) => c.change === 'restarting'), 'a restart');
    await sup.stop('test/fixture');
  });
});

describe('failed launches of autoStart plugins (crash on boot)', () => {
  const counter = () => join(dir.path, 'runs');
  const runs = async () => Number(await readFile(counter(), 'utf8'));

  it('are retried with the backoff: a plugin that fails twice before ready ends up running', async () => {
    const sup = open({ backoff: { initialMs: 50, maxMs: 1_000 } });
    // The launch discovery makes: it fails at once for its caller, and the policy takes over.
    const boot = spec(
      { FIXTURE_FAIL_AT_START: '2', FIXTURE_COUNTER: counter(), FIXTURE_FAIL_RUNS: '2' },
      { autoStart: true },
    );
    await expect(sup.start(boot)).rejects.toMatchObject({
      code: 'PLUGIN_GONE',
      reason: 'exited (code 2) before it was ready: boom',
    });
    await waitUntil(() => sup.info('test/fixture')?.state === 'running', 'the plugin to be running', 15_000);

    expect(await runs()).toBe(3);
    expect(sup.info('test/fixture')).toMatchObject({ restarts: 2, recentCrashes: 2, nextRestartAt: null });
    expect(
      changes()
        .filter((c) => c.change === 'restarting')
        .map((c) => c.message),
    ).toEqual([
      'exited (code 2) before it was ready; restarting in 50 ms (crash 1 of 5 crashes within 3 min)',
      'exited (code 2) before it was ready; restarting in 100 ms (crash 2 of 5 crashes within 3 min)',
    ]);
    // Each failed run: its output, then one supervisor line.
    expect(
      logged()
        .filter((l) => l.stream !== 'supervisor' || !l.text.startsWith('launched'))
        .map((l) => l.text.replaceAll(dir.path, '<dir>')),
    ).toEqual([
      'boom',
      'exited (code 2) before it was ready; restarting in 50 ms (crash 1 of 5 crashes within 3 min)',
      'boom',
      'exited (code 2) before it was ready; restarting in 100 ms (crash 2 of 5 crashes within 3 min)',
      'ready on <dir>/testfixture.sock',
    ]);
    expect(existsSync(join(dir.path, 'testfixture.pconf'))).toBe(true);
  });

  it('count against the budget: one that always fails ends Fatal, and a start by the user begins afresh', async () => {
    const sup = open({ backoff: { initialMs: 50 }, budget: { maxCrashes: 3, windowMs: 60_000 } });
    await expect(sup.start(spec({ FIXTURE_FAIL_AT_START: '9' }, { autoStart: true }))).rejects.toMatchObject({
      code: 'PLUGIN_GONE',
    });
    await waitUntil(() => sup.info('test/fixture')?.state === 'fatal', 'the plugin to be fatal', 15_000);

    expect(changes().filter((c) => c.change !== 'spawned')).toEqual([
      {
        change: 'restarting',
        message:
          'exited (code 9) before it was ready; restarting in 50 ms (crash 1 of 3 crashes within 1 min)',
      },
      {
        change: 'restarting',
        message:
          'exited (code 9) before it was ready; restarting in 100 ms (crash 2 of 3 crashes within 1 min)',
      },
      {
        change: 'fatal',
        message:
          'exited (code 9) before it was ready; gave up restarting after 3 crashes within 1 min. Start it again when it is fixed.',
      },
    ]);
    expect(sup.info('test/fixture')).toMatchObject({
      state: 'fatal',
      pid: null,
      restarts: 2,
      recentCrashes: 3,
      lastExit: { code: 9, requested: false },
    });
    for (const event of events) {
      if (event.type === 'process' && event.change === 'spawned')
        expect(isGone(event.process.pid!)).toBe(true);
    }

    // Fixed: the user's start gets a fresh budget.
    expect(await sup.start(spec({}, { autoStart: true }))).toMatchObject({
      state: 'running',
      restarts: 0,
      recentCrashes: 0,
    });
  });

  it('count a readiness timeout as a crash too: the slow run is killed, the next one is ready', async () => {
    const sup = open({ backoff: { initialMs: 50 } });
    // Long enough for the good run to start on a busy machine; the first run waits it out once.
    const boot = spec(
      { FIXTURE_NEVER_READY: '1', FIXTURE_COUNTER: counter(), FIXTURE_FAIL_RUNS: '1' },
      { autoStart: true, startTimeoutMs: 3_000 },
    );
    await expect(sup.start(boot)).rejects.toMatchObject({ code: 'TIMEOUT' });
    await waitUntil(() => sup.info('test/fixture')?.state === 'running', 'the plugin to be running', 15_000);

    expect(await runs()).toBe(2);
    expect(changes().find((c) => c.change === 'restarting')?.message).toBe(
      `was not ready within 3000 ms (startTimeoutMs): ${join(dir.path, 'testfixture.pconf')} does not exist yet; ` +
        'exited (killed by SIGKILL); restarting in 50 ms (crash 1 of 5 crashes within 3 min)',
    );
    const [first] = events.flatMap((e) =>
      e.type === 'process' && e.change === 'spawned' ? [e.process.pid!] : [],
    );
    expect(isGone(first!)).toBe(true);
  });

  it('follow the policy: "no" does not retry, and a stop cancels the retry', async () => {
    const sup = open({ backoff: { initialMs: 60_000 } });
    await expect(
      sup.start(spec({ FIXTURE_FAIL_AT_START: '2' }, { autoStart: true, restart: 'no' })),
    ).rejects.toMatchObject({ code: 'PLUGIN_GONE' });
    expect(sup.info('test/fixture')).toMatchObject({
      state: 'exited',
      message: 'exited (code 2) before it was ready; restart policy "no": not restarted',
    });

    await expect(sup.start(spec({ FIXTURE_FAIL_AT_START: '2' }, { autoStart: true }))).rejects.toMatchObject({
      code: 'PLUGIN_GONE',
    });
    expect(sup.info('test/fixture')).toMatchObject({ state: 'backoff', recentCrashes: 1 });
    expect(sup.isActive('test/fixture')).toBe(true);
    await sup.stop('test/fixture');
    expect(sup.info('test/fixture')).toMatchObject({ state: 'exited', nextRestartAt: null });
  });
});

describe('output', () => {
  it('captures 10,000 lines complete and in order: events, ring buffer and log file', async () => {
    const sup = open({ logDir: join(dir.path, 'logs') });
    await sup.start(spec({ FIXTURE_LINES: '10000', FIXTURE_STDERR: 'done' }));
    await waitUntil(() => logged().some((l) => l.text === 'done'), 'all the output', 15_000);
    const expected = Array.from({ length: 10_000 }, (_, i) => `line ${i + 1}`);

    expect(
      logged()
        .filter((l) => l.stream === 'stdout')
        .map((l) => l.text),
    ).toEqual(expected);
    const page = sup.logs('test/fixture', { stream: 'stdout', limit: 20_000 })!;
    expect(page.lines.map((l) => l.text)).toEqual(expected);
    const seqs = page.lines.map((l) => l.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(sup.logs('test/fixture', { stream: 'stderr' })!.lines.map((l) => l.text)).toEqual(['done']);
    expect(sup.logs('test/fixture', { search: 'LINE 9999' })!.lines.map((l) => l.text)).toEqual([
      'line 9999',
    ]);

    await sup.close();
    const file = await readFile(join(dir.path, 'logs', 'test%2Ffixture.log'), 'utf8');
    const stdout = file
      .split('\n')
      .filter((l) => / stdout /.test(l))
      .map((l) => l.replace(/^\S+ stdout /, ''));
    expect(stdout).toEqual(expected);
  });

  it('clears the buffer but keeps counting: a reader never sees a sequence number twice', async () => {
    const sup = open();
    await sup.start(spec({ FIXTURE_LINES: '3' }));
    await waitUntil(() => logged().some((l) => l.text === 'line 3'), 'the lines');
    const before = sup.logs('test/fixture')!;
    expect(sup.clearLogs('test/fixture')).toBe(true);
    expect(sup.logs('test/fixture')!.lines).toEqual([]);
    await sup.stop('test/fixture');
    const after = sup.logs('test/fixture')!;
    expect(after.lines[0]!.seq).toBeGreaterThanOrEqual(before.nextSeq);
    expect(sup.clearLogs('nobody')).toBe(false);
  });
});
