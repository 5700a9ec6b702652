/**
 * The `goplug` command line as a user runs it: `node bin/goplug.js ...` after `npm install`
 * (whose prepare step compiles dist/), against real sample plugin processes; `goplug test` as
 * CI runs it, with its exit codes, lines and JUnit report.
 */
import { spawn } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPlugin } from '../../src/sdk/index.js';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { startGoPluginDouble } from '../helpers/goPluginDouble.js';
import { goplugOnce as goplug, runGoplug } from '../helpers/goplugProcess.js';
import { killAllPluginProcesses, startPluginProcess, waitForExit } from '../helpers/pluginProcess.js';
import { ensureStudioBuilt } from '../helpers/studioBuild.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { parseXml } from '../helpers/xmlDocument.js';
import { waitUntil } from '../helpers/waitUntil.js';

const BIN = join(REPO_ROOT, 'bin/goplug.js');
const FIXTURES = join(REPO_ROOT, 'test/fixtures/pconf');


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
    for (const command of ['list', 'call', 'describe', 'ping', 'start', 'stop', 'watch', 'inspect', 'demo', 'serve']) {
      expect(help.stdout).toContain(`  ${command} `);
    }
    const wrong = await goplug(['frobnicate']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('unknown command "frobnicate"');
  });

  it('gives every command a --help', async () => {
    for (const command of ['list', 'call', 'describe', 'ping', 'start', 'stop', 'watch', 'inspect', 'demo', 'serve']) {
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
      // The samples get ready in any order: the first three need not include echo.
      const echoReady = `ready demo/echo on ${join(dir.path, 'demoecho.sock')}`;
      await waitUntil(() => (out.match(/^ready /gm) ?? []).length >= 3 && out.includes(echoReady), 'three samples ready, echo among them', 20_000);
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

async function collection(name: string, value: unknown): Promise<string> {
  const path = join(dir.path, name);
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

const SMOKE = {
  name: 'echo smoke',
  requests: [{ name: 'upper', plugin: 'demo/echo', method: 'Upper', body: 'hi', expect: { status: 200, body: 'HI' } }],
};

describe('goplug describe', () => {
  it("prints a plugin's methods and callbacks with descriptions and examples, starting a lazy one", async () => {
    await sample('kv');
    const run = await goplug(['describe', 'demo/kv', '--dir', dir.path]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n').slice(0, 9)).toEqual([
      'demo/kv: described by the plugin',
      '',
      'Methods (4)',
      '  Set     Stores any JSON value under a key; answers what it stored.',
      '      example (application/json):',
      '        {',
      '          "key": "greeting",',
      '          "value": "hello"',
      '        }',
    ]);
    const json = await goplug(['describe', 'demo/kv', '--dir', dir.path, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ source: 'plugin', methods: [{ name: 'Set' }, { name: 'Get' }, { name: 'Delete' }, { name: 'List' }] });
  });

  it("says so for a Go plugin, which does not know the extension, and escapes a hostile plugin's text", async () => {
    const go = await startGoPluginDouble({ dir: dir.path, writePconf: true, methods: { 'main.Do': '' } });
    const sdk = createPlugin({ folder: dir.path, namespace: 'x', name: 'evil' }).method('Do', () => '', {
      description: 'Safe\u001b[2J\u202egnp.exe',
      example: { 'a\u0007': 1 },
    });
    await sdk.start();
    try {
      const plain = await goplug(['describe', 'Test/Do', '--dir', dir.path]);
      expect(plain).toMatchObject({ code: 0, stdout: 'Test/Do: the plugin does not describe itself: method names from Activate\n\nMethods (1)\n  main.Do\n' });
      const evil = await goplug(['describe', 'x/evil', '--dir', dir.path]);
      expect(evil.code).toBe(0);
      expect(evil.stdout).toContain('  Do  Safe\\u001b[2J\\u202egnp.exe\n');
      const raw = [...evil.stdout].filter((c) => (c < ' ' && c !== '\n') || c === '\u202e');
      expect(raw).toEqual([]);
    } finally {
      await sdk.stop();
      await go.close();
    }
  });
});

describe('goplug test', () => {
  it('exits 0 when every request passes, starting a lazy plugin and stopping it afterwards', async () => {
    await sample('echo');
    const kv = await sample('kv');
    const smoke = await collection('smoke.collection.json', SMOKE);
    const store = await collection('kv.collection.json', {
      name: 'kv',
      requests: [
        { name: 'set', plugin: 'demo/kv', method: 'Set', body: { key: 'k', value: [1, 2] }, expect: { json: { value: [1, 2] } } },
        { name: 'get', plugin: 'demo/kv', method: 'Get', body: { key: 'k' }, expect: { body: { key: 'k', value: [1, 2] }, maxMs: 5000 } },
      ],
    });
    const run = await goplug(['test', smoke, store, '--dir', dir.path]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(0, 3).map((l) => l.replace(/\s+[\d.]+ ms$/, ''))).toEqual([
      'PASS  echo smoke › upper',
      'PASS  kv › set',
      'PASS  kv › get',
    ]);
    expect(lines[3]).toBe('3 passed, 0 failed (3 requests in 2 collections)');
    // The lazy plugin was started for the run, so the run stopped it (POST /Stop ends its process).
    expect(await waitForExit(kv)).toEqual({ code: 0, signal: null });
  });

  it('exits 1 when a request fails, saying what differed, and writes a JUnit report', async () => {
    await sample('echo');
    const file = await collection('mixed.collection.json', {
      name: 'mixed',
      requests: [
        SMOKE.requests[0],
        { name: 'wrong', plugin: 'demo/echo', method: 'Upper', body: 'hi', expect: { body: 'hi', bodyContains: '<x>' } },
        { name: 'gone', plugin: 'demo/nothing', method: 'Echo' },
      ],
    });
    const report = join(dir.path, 'report.xml');
    const run = await goplug(['test', file, '--dir', dir.path, '--junit', report]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines[1]).toMatch(/^FAIL {2}mixed › wrong {2}[\d.]+ ms {2}body: expected "hi", got "HI"; bodyContains: expected "<x>", got "HI"$/);
    expect(lines[2]).toMatch(/^FAIL {2}mixed › gone {2}0\.0 ms {2}call: expected the plugin started, got NOT_DISCOVERED: /);
    expect(lines).toContain('1 passed, 2 failed (3 requests in 1 collection)');
    const doc = parseXml(await readFile(report, 'utf8'));
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const cases = [...doc.getElementsByTagName('testcase')];
    expect(cases.map((c) => [c.getAttribute('name'), c.getElementsByTagName('failure').length])).toEqual([
      ['upper', 0],
      ['wrong', 1],
      ['gone', 1],
    ]);
    expect(cases[1]!.getElementsByTagName('failure')[0]!.textContent).toBe(
      'body: expected "hi", got "HI"\nbodyContains: expected "<x>", got "HI"',
    );
  });

  it('stops what it started and exits 1 when SIGTERM (a cancelled CI job) cuts the run short', async () => {
    await sample('echo');
    const kv = await sample('kv');
    const file = await collection('slow.collection.json', {
      name: 'slow',
      requests: [
        { name: 'set', plugin: 'demo/kv', method: 'Set', body: { key: 'k', value: 1 } },
        { name: 'wait', plugin: 'demo/echo', method: 'Delay', body: '600000' },
        { name: 'after', plugin: 'demo/echo', method: 'Echo' },
      ],
    });
    const test = runGoplug(['test', file, '--dir', dir.path]);
    await test.waitForOutput((out) => (out.includes('PASS  slow › set') ? true : undefined), 'the first request to pass');
    expect(await test.stop(10_000)).toEqual({ code: 1, signal: null });
    expect(test.stdout()).toContain('1 passed, 0 failed (1 request in 1 collection; SIGTERM: 2 not run)\n');
    // The lazy plugin it started for the run was stopped on the way out.
    expect(await waitForExit(kv)).toEqual({ code: 0, signal: null });
  });

  it('--wait: waits for a plugin started in the background just after it, then runs; a missing one fails at the deadline', async () => {
    const file = await collection('late.collection.json', SMOKE);
    const test = runGoplug(['test', file, '--dir', dir.path, '--wait', '30000']);
    try {
      await test.waitForOutput((_out, err) => (err.includes('waiting up to 30000 ms for demo/echo') ? true : undefined), 'the wait');
      await sample('echo');
      expect(await test.exit(30_000)).toEqual({ code: 0, signal: null });
    } finally {
      await test.stop();
    }
    expect(test.stdout()).toMatch(/^PASS {2}echo smoke › upper {2}[\d.]+ ms\n1 passed, 0 failed/);

    const missing = await collection('missing.collection.json', { name: 'm', requests: [{ name: 'x', plugin: 'demo/none', method: 'Echo' }] });
    const gone = await goplug(['test', missing, '--dir', dir.path, '--wait', '300']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toBe('goplug test: waiting up to 300 ms for demo/none\n');
    expect(gone.stdout).toMatch(/^FAIL {2}m › x {2}0\.0 ms {2}call: expected the plugin started, got NOT_DISCOVERED: /);
  });

  it('exits 2 on a usage mistake or an invalid file, naming file, line and column, and runs nothing', async () => {
    const none = await goplug(['test']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('goplug test: name at least one collection file');
    expect(none.stderr).toContain('goplug test FILE... [--dir DIR]... [--junit OUT.xml]');

    const good = await collection('good.collection.json', SMOKE);
    const bad = await collection('bad.collection.json', '{\n  "name": "bad",\n  "requests": [ { "name": "x", "plugin": "demo/echo", "method": 7 } ]\n}\n');
    const run = await goplug(['test', good, bad, '--dir', dir.path]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`goplug test: ${bad}:3:65: requests[0].method: must be a method name\n`);

    const missing = await goplug(['test', join(dir.path, 'nope.collection.json'), '--dir', dir.path]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.collection.json does not exist');
  });
});

afterAll(async () => {
  await killAllPluginProcesses();
});
