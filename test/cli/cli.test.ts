/**
 * The `goplug` command line as a user runs it: `node bin/goplug.js ...` after `npm install`
 * (whose prepare step compiles dist/), against real sample plugin processes.
 */
import { execFile, spawn } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { killAllPluginProcesses, startPluginProcess } from '../helpers/pluginProcess.js';
import { ensureStudioBuilt } from '../helpers/studioBuild.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

const BIN = join(REPO_ROOT, 'bin/goplug.js');
const FIXTURES = join(REPO_ROOT, 'test/fixtures/pconf');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function goplug(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'node',
      [BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 30_000, encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let dir: Awaited<ReturnType<typeof tempFolder>>;

beforeAll(async () => {
  // Built once per change of the sources, under a lock: never rewritten under another test's feet.
  await ensureStudioBuilt();
}, 240_000);

beforeEach(async () => {
  dir = await tempFolder();
});
afterEach(async () => {
  await killAllPluginProcesses();
  await dir.remove();
});

const sample = (name: string) =>
  startPluginProcess('node', [join(REPO_ROOT, 'dist/demo', `${name}.js`), '--dir', dir.path]);

describe('goplug', () => {
  it('prints an overview with every command, and exits 2 on an unknown command', async () => {
    const help = await goplug(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['list', 'call', 'ping', 'start', 'stop', 'watch', 'inspect', 'demo', 'serve']) {
      expect(help.stdout).toContain(`  ${command} `);
    }
    const wrong = await goplug(['frobnicate']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('unknown command "frobnicate"');
  });

  it('gives every command a --help', async () => {
    for (const command of ['list', 'call', 'ping', 'start', 'stop', 'watch', 'inspect', 'demo', 'serve']) {
      const run = await goplug([command, '--help']);
      expect(run.code, command).toBe(0);
      expect(run.stdout, command).toMatch(new RegExp(`goplug ${command}`));
    }
  });

  it('list --json: plugins with state, lazy, socket, methods, and the problem files', async () => {
    await sample('echo');
    await sample('kv');
    await copyFile(join(FIXTURES, 'not-json.pconf'), join(dir.path, 'not-json.pconf'));
    const run = await goplug(['list', '--dir', dir.path, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      plugins: Array<Record<string, unknown>>;
      problems: Array<Record<string, unknown>>;
    };
    expect(out.plugins.map((p) => [p.id, p.namespace, p.name, p.state, p.lazyLoad])).toEqual([
      ['demo/echo', 'demo', 'echo', 'started', false],
      ['demo/kv', 'demo', 'kv', 'discovered', true],
    ]);
    expect(out.plugins[0]).toMatchObject({
      sock: join(dir.path, 'demoecho.sock'),
      methods: ['Echo', 'Upper', 'Delay'],
      warnings: [],
      error: null,
    });
    expect(out.problems).toEqual([
      expect.objectContaining({ fileName: 'not-json.pconf', kind: 'invalid', line: expect.any(Number) }),
    ]);
  });

  it('list (text) names the problem file and its reason', async () => {
    await copyFile(join(FIXTURES, 'missing-sock.pconf'), join(dir.path, 'missing-sock.pconf'));
    const run = await goplug(['list', '--dir', dir.path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no plugins found');
    expect(run.stdout).toMatch(/missing-sock\.pconf.*Sock is required/);
  });

  it('call prints the body raw, starts a lazy plugin first, and fails clearly', async () => {
    await sample('echo');
    await sample('kv');
    const echo = await goplug(['call', '--dir', dir.path, 'demo/echo', 'Upper', '--data', 'shout']);
    expect(echo).toMatchObject({ code: 0, stdout: 'SHOUT' });
    await writeFile(join(dir.path, 'body.json'), '{"key":"k","value":"v"}');
    const set = await goplug(['call', '--dir', dir.path, 'demo/kv', 'Set', '--data-file', join(dir.path, 'body.json')]);
    expect(set.code).toBe(0);
    const get = await goplug(['call', '--dir', dir.path, 'demo/kv', 'Get', '--data', '{"key":"k"}']);
    expect(JSON.parse(get.stdout)).toEqual({ key: 'k', value: 'v' });

    const missing = await goplug(['call', '--dir', dir.path, 'demo/nope', 'Echo']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_DISCOVERED');
    const slow = await goplug(['call', '--dir', dir.path, 'demo/echo', 'Delay', '--data', '5000', '--timeout', '200']);
    expect(slow.code).toBe(1);
    expect(slow.stderr).toMatch(/TIMEOUT: .*200 ms/);
    const usage = await goplug(['call', '--dir', dir.path, 'demo/echo']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('expected 2 arguments');
  });

  it('ping, start and stop act on one plugin', async () => {
    await sample('echo');
    expect((await goplug(['ping', '--dir', dir.path, 'demo/echo'])).stdout).toMatch(/demo\/echo: pong in [\d.]+ ms/);
    expect((await goplug(['start', '--dir', dir.path, 'demo/echo'])).stdout).toBe(
      'started demo/echo: Echo, Upper, Delay\n',
    );
    const stop = await goplug(['stop', '--dir', dir.path, 'demo/echo']);
    expect(stop).toMatchObject({ code: 0, stdout: 'stopped demo/echo\n' });
    const after = await goplug(['ping', '--dir', dir.path, 'demo/echo']);
    expect(after.code).toBe(1);
  });

  it('inspect shows fields with defaults, and errors with line and column (exit 1)', async () => {
    const good = await goplug(['inspect', join(FIXTURES, 'minimal.pconf')]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/default/);
    const bad = await goplug(['inspect', join(FIXTURES, 'not-json.pconf')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/line \d+|:\d+:\d+/);
  });

  it('uses $GOPLUG_PLUGIN_DIR when no --dir is given', async () => {
    await sample('echo');
    const run = await goplug(['call', 'demo/echo', 'Echo', '--data', 'env'], { GOPLUG_PLUGIN_DIR: dir.path });
    expect(run).toMatchObject({ code: 0, stdout: 'env' });
  });
});

describe('long-running commands', () => {
  it('watch prints events as JSON lines until SIGTERM', async () => {
    const child = spawn('node', [BIN, 'watch', '--dir', dir.path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      await new Promise((r) => setTimeout(r, 1000));
      await sample('echo');
      await waitUntil(() => out.includes('"type":"started"'), 'a started event', 15_000);
      const events = out.trim().split('\n').map((l) => JSON.parse(l) as { type: string });
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['discovered', 'starting', 'started']));
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('demo starts the samples, prints a line per plugin, and stops them on SIGTERM', async () => {
    const child = spawn('node', [BIN, 'demo', '--dir', dir.path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      await waitUntil(() => (out.match(/^ready /gm) ?? []).length >= 3, 'three samples ready', 20_000);
      expect(out).toContain(`ready demo/echo on ${join(dir.path, 'demoecho.sock')}`);
      const list = JSON.parse((await goplug(['list', '--dir', dir.path, '--json'])).stdout) as {
        plugins: Array<{ id: string }>;
      };
      expect(list.plugins.map((p) => p.id)).toEqual(expect.arrayContaining(['demo/echo', 'demo/clock', 'demo/kv']));
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const after = JSON.parse((await goplug(['list', '--dir', dir.path, '--json'])).stdout) as { plugins: unknown[] };
    expect(after.plugins).toEqual([]);
  });
});

afterAll(async () => {
  await killAllPluginProcesses();
});
