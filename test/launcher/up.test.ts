/**
 * `goplug up` and `goplug demo` as a user runs them (`node bin/goplug.js ...` after the build),
 * with real plugin processes: launched, killed, restarted, stopped on SIGTERM, and cleaned up by
 * the orphan guard when the host itself is killed with SIGKILL.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GUARD_MARKER } from '../../src/core/launcher/orphanGuard.js';
import { formatManifest, type ManifestInput } from '../../src/core/launcher/index.js';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { fixtureManifest } from '../helpers/fixturePlugin.js';
import { startDemo, startServe } from '../helpers/goplugProcess.js';
import { isGone, pidsWithCommandLine } from '../helpers/processState.js';
import { ensureStudioBuilt } from '../helpers/studioBuild.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

const BIN = join(REPO_ROOT, 'bin/goplug.js');

interface Host {
  child: ChildProcess;
  out(): string;
  err(): string;
  exited: Promise<number | null>;
}

let dir: Awaited<ReturnType<typeof tempFolder>>;
let logs: Awaited<ReturnType<typeof tempFolder>>;
/** The approvals' data folder (never the user's ~/.goplug/studio). */
let data: Awaited<ReturnType<typeof tempFolder>>;
const hosts: ChildProcess[] = [];
const strays: number[] = [];

beforeAll(async () => {
  // Built once per change of the sources, under a lock: never rewritten under another test's feet.
  await ensureStudioBuilt();
}, 240_000);

beforeEach(async () => {
  dir = await tempFolder('gp-up-');
  logs = await tempFolder('gp-log-');
  data = await tempFolder('gp-data-');
});
afterEach(async () => {
  for (const child of hosts.splice(0)) child.kill('SIGKILL');
  // Whatever a failed test left running must not outlive it.
  for (const pid of strays.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  await dir.remove();
  await logs.remove();
  await data.remove();
});

function goplug(args: string[]): Host {
  const child = spawn('node', [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  hosts.push(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (t: string) => (out += t));
  child.stderr!.setEncoding('utf8').on('data', (t: string) => (err += t));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile('node', [BIN, ...args], { timeout: 30_000, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

function manifest(
  name: string,
  env: Record<string, string> = {},
  extra: Partial<ManifestInput> = {},
): ManifestInput {
  return fixtureManifest({ name, env: { FIXTURE_NAME: name, ...env }, autoStart: true, ...extra });
}

async function writeManifest(input: ManifestInput): Promise<void> {
  await writeFile(join(dir.path, `test${input.name}.plugin.json`), formatManifest(input));
}

/** Pids from "spawned <id>: launched pid N: ..." lines, in order. */
function spawnedPids(out: string, id: string): number[] {
  const pattern = new RegExp(`spawned ${id}: launched pid (\\d+)`, 'g');
  const pids = [...out.matchAll(pattern)].map((m) => Number(m[1]));
  strays.push(...pids);
  return pids;
}

describe('goplug up', () => {
  it('is listed in the overview and has a --help', async () => {
    expect((await run(['--help'])).stdout).toMatch(/^ {2}up {2,}launch and supervise the plugins/m);
    const help = await run(['up', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^goplug up \[--dir DIR\]\.\.\. \[--log-dir DIR\] \[--json\] \[--trust\]/);
  });

  it('launches the manifests, prints events and output, restarts a killed plugin, stops all on SIGTERM', async () => {
    await writeManifest(manifest('alpha', { FIXTURE_LINES: '2' }, { restart: 'on-failure' }));
    await writeManifest(manifest('manual', {}, { autoStart: false }));
    await writeFile(join(dir.path, 'broken.plugin.json'), '{"name": "x"}');
    const up = goplug(['up', '--dir', dir.path, '--log-dir', logs.path, '--data-dir', data.path, '--trust']);

    await waitUntil(() => up.out().includes('started test/alpha: Echo'), 'alpha started', 20_000);
    // --trust says which manifests it approved, with the exact command line.
    expect(up.out()).toContain(`approved test/alpha (${join(dir.path, 'testalpha.plugin.json')}): cd `);
    expect(up.err()).toMatch(/not approved: broken\.plugin\.json: command is required/);
    expect(up.out()).toMatch(
      /discovered test\/manual: stopped, from launch manifest testmanual\.plugin\.json/,
    );
    expect(up.out()).toMatch(/problem broken\.plugin\.json: broken\.plugin\.json: command is required/);
    await waitUntil(() => up.out().includes('test/alpha out| line 2'), 'the output lines');
    expect(up.out()).toContain(`ready test/alpha: ready on ${join(dir.path, 'testalpha.sock')}`);
    expect(await run(['call', '--dir', dir.path, 'test/alpha', 'Echo', '--data', 'hi'])).toEqual({
      code: 0,
      stdout: 'hi',
      stderr: '',
    });

    const [first] = spawnedPids(up.out(), 'test/alpha');
    process.kill(first!, 'SIGKILL');
    await waitUntil(() => spawnedPids(up.out(), 'test/alpha').length === 2, 'the relaunch', 20_000);
    await waitUntil(
      () =>
        up.out().split('started test/alpha').length === 3 && up.out().split('ready test/alpha').length === 3,
      'alpha ready and started again',
      20_000,
    );
    expect(up.out()).toMatch(/restarting test\/alpha: exited \(killed by SIGKILL\); restarting in 1 s/);
    const [, second] = spawnedPids(up.out(), 'test/alpha');
    const guards = pidsWithCommandLine(GUARD_MARKER, String(up.child.pid));
    expect(guards).toHaveLength(1);
    strays.push(...guards);

    up.child.kill('SIGTERM');
    expect(await up.exited).toBe(0);
    await waitUntil(() => isGone(guards[0]!), 'the guard to exit with its host');
    expect(up.out()).toMatch(/stopped test\/alpha: stopped after POST \/Stop \(code 0\)/);
    expect(isGone(first!)).toBe(true);
    expect(isGone(second!)).toBe(true);
    expect(existsSync(join(dir.path, 'testalpha.pconf'))).toBe(false);
    expect(existsSync(join(dir.path, 'testalpha.sock'))).toBe(false);
    const logFile = await readFile(join(logs.path, 'test%2Falpha.log'), 'utf8');
    expect(logFile).toMatch(/ stdout line 1\n.* stdout line 2\n/);
    // One line per crash, saying how it ended, what was cleaned up and what comes next.
    const exits = logFile.split('\n').filter((l) => / supervisor exited /.test(l));
    expect(exits).toEqual([
      expect.stringMatching(
        / supervisor exited \(killed by SIGKILL\); removed stale .*testalpha\.sock and .*testalpha\.pconf; restarting in 1 s \(crash 1 of 5 crashes within 3 min\)$/,
      ),
    ]);
  }, 60_000);

  it('leaves no orphan when it is killed with SIGKILL: the guard ends its plugins', async () => {
    await writeManifest(manifest('alpha'));
    await writeManifest(manifest('stubborn', { FIXTURE_IGNORE_SIGTERM: '1' }, { stopTimeoutMs: 500 }));
    const up = goplug(['up', '--dir', dir.path, '--log-dir', logs.path, '--data-dir', data.path, '--trust']);
    await waitUntil(
      () => up.out().includes('started test/alpha') && up.out().includes('started test/stubborn'),
      'both started',
      20_000,
    );
    const plugins = [...spawnedPids(up.out(), 'test/alpha'), ...spawnedPids(up.out(), 'test/stubborn')];
    const guards = pidsWithCommandLine(GUARD_MARKER, String(up.child.pid));
    expect(guards).toHaveLength(1);
    strays.push(...guards);

    up.child.kill('SIGKILL');
    await up.exited;
    await waitUntil(() => plugins.every(isGone), 'every plugin process to end', 15_000);
    await waitUntil(() => isGone(guards[0]!), 'the guard to exit', 15_000);
    // alpha stopped cleanly on SIGTERM; the stubborn one was killed and left its files behind ...
    expect(existsSync(join(dir.path, 'testalpha.pconf'))).toBe(false);
    expect(existsSync(join(dir.path, 'teststubborn.pconf'))).toBe(true);

    // ... which the next host removes before launching it again (approved already: no --trust).
    const next = goplug(['up', '--dir', dir.path, '--log-dir', logs.path, '--data-dir', data.path]);
    await waitUntil(() => next.out().includes('started test/stubborn'), 'stubborn started again', 20_000);
    spawnedPids(next.out(), 'test/stubborn');
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
    expect(existsSync(join(dir.path, 'teststubborn.pconf'))).toBe(false);
    expect(existsSync(join(dir.path, 'teststubborn.sock'))).toBe(false);
  }, 60_000);
});

describe('goplug up and approvals', () => {
  it('without --trust lists a new manifest as waiting with its command line, and launches it once goplug trust approves it', async () => {
    await writeManifest(manifest('alpha'));
    const path = join(dir.path, 'testalpha.plugin.json');
    const up = goplug(['up', '--dir', dir.path, '--log-dir', logs.path, '--data-dir', data.path]);
    await waitUntil(() => up.out().includes('waiting test/alpha'), 'the waiting line', 20_000);
    expect(up.out()).toContain(
      `waiting test/alpha: not launched until you approve its command (goplug trust ${path}): cd ${dir.path} && `,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(up.out()).not.toContain('spawned test/alpha');

    const trust = await run(['trust', path, '--data-dir', data.path]);
    expect(trust).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`approved test/alpha (${path}): cd `),
    });
    await waitUntil(() => up.out().includes('started test/alpha'), 'alpha started once approved', 20_000);
    spawnedPids(up.out(), 'test/alpha');
    up.child.kill('SIGTERM');
    expect(await up.exited).toBe(0);
  }, 60_000);
});

describe('goplug demo', () => {
  it('brings a sample killed with SIGKILL back on the same socket', async () => {
    const demo = goplug(['demo', '--dir', dir.path]);
    const sock = join(dir.path, 'demoecho.sock');
    // Its own line: the samples get ready in any order.
    const ready = new RegExp(`^ready demo/echo on ${sock} \\(pid (\\d+)\\)$`, 'm');
    await waitUntil(() => ready.test(demo.out()), 'demo/echo ready', 30_000);
    const pid = Number(ready.exec(demo.out())![1]);
    strays.push(pid);

    process.kill(pid, 'SIGKILL');
    const again = new RegExp(`^ready demo/echo on ${sock} \\(pid (\\d+), restart 1\\)$`, 'm');
    await waitUntil(() => again.test(demo.out()), 'the sample back', 20_000);
    strays.push(Number(again.exec(demo.out())![1]));
    expect(demo.err()).toMatch(/restarting demo\/echo: exited \(killed by SIGKILL\); restarting in 1 s/);
    expect(await run(['call', '--dir', dir.path, 'demo/echo', 'Echo', '--data', 'back'])).toEqual({
      code: 0,
      stdout: 'back',
      stderr: '',
    });
    expect(isGone(pid)).toBe(true);

    demo.child.kill('SIGTERM');
    expect(await demo.exited).toBe(0);
    expect(existsSync(join(dir.path, 'demoecho.pconf'))).toBe(false);
  }, 60_000);
});

/**
 * Once a host has stopped (POST /Stop) everything a long-running command launched, nothing of
 * Node's own keeps the command alive: it must still wait for Ctrl-C, and then exit 0 (it used to
 * vanish with status 13, an unsettled top-level await, without a word).
 */
describe('runs until Ctrl-C when a host stopped every plugin', () => {
  /** `goplug stop` (POST /Stop, as a host does) on each id; then a list shows them stopped for good. */
  async function stopAsHost(ids: string[]): Promise<void> {
    for (const id of ids) {
      expect(await run(['stop', '--dir', dir.path, id])).toMatchObject({ code: 0, stdout: `stopped ${id}\n` });
    }
  }

  it('goplug demo: one line per sample stopped, not restarted, still running, exit 0 on SIGINT', async () => {
    const demo = await startDemo(dir.path);
    hosts.push(demo.process.child);
    expect(demo.ids.length).toBeGreaterThanOrEqual(3);
    await stopAsHost(demo.ids);
    await demo.process.waitForOutput(
      (_out, err) => (err.includes('no sample is running any more') ? true : undefined),
      'the line saying no sample runs',
    );
    for (const id of demo.ids) {
      expect(demo.process.stderr()).toContain(`exited ${id}: exited (code 0); restart policy "on-failure": not restarted\n`);
    }
    // Still there to answer a Ctrl-C, after a round trip of another command (the fault took a few ms).
    expect((await run(['list', '--dir', dir.path, '--json'])).stdout).toContain('"plugins": []');
    expect(demo.process.child.exitCode).toBeNull();
    demo.process.child.kill('SIGINT');
    expect(await demo.process.exit()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('goplug up: still running after its plugin was stopped by a host, exit 0 on SIGINT', async () => {
    await writeManifest(manifest('alpha', {}, { restart: 'on-failure' }));
    const up = goplug(['up', '--dir', dir.path, '--log-dir', logs.path, '--data-dir', data.path, '--trust']);
    await waitUntil(() => up.out().includes('started test/alpha: Echo'), 'alpha started', 20_000);
    spawnedPids(up.out(), 'test/alpha');
    await stopAsHost(['test/alpha']);
    await waitUntil(() => /exited test\/alpha: exited \(code 0\)/.test(up.out()), 'the exit line');
    expect((await run(['list', '--dir', dir.path, '--json'])).stdout).toContain('"id": "test/alpha"');
    expect(up.child.exitCode).toBeNull();
    up.child.kill('SIGINT');
    expect(await up.exited).toBe(0);
  }, 60_000);

  it('goplug serve: still running after the plugin it launched was stopped by a host, exit 0 on SIGINT', async () => {
    await writeManifest(manifest('alpha', {}, { restart: 'on-failure' }));
    // The Studio launches a manifest only once a person approved its command: here, in a terminal.
    expect((await run(['trust', join(dir.path, 'testalpha.plugin.json'), '--data-dir', data.path])).code).toBe(0);
    const serve = await startServe(dir.path, data.path);
    hosts.push(serve.process.child);
    await waitUntil(() => existsSync(join(dir.path, 'testalpha.pconf')), 'alpha launched by the Studio', 20_000);
    await stopAsHost(['test/alpha']);
    await waitUntil(() => !existsSync(join(dir.path, 'testalpha.pconf')), 'alpha gone');
    expect((await run(['list', '--dir', dir.path, '--json'])).stdout).toContain('"id": "test/alpha"');
    expect(serve.process.child.exitCode).toBeNull();
    serve.process.child.kill('SIGINT');
    expect(await serve.process.exit()).toEqual({ code: 0, signal: null });
  }, 60_000);
});
