/**
 * `goplug test` as CI runs it (`node bin/goplug.js test ...`), against real sample plugin
 * processes: exit codes 0, 1 and 2, the lines it prints, and the JUnit report.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { killAllPluginProcesses, startPluginProcess, waitForExit } from '../helpers/pluginProcess.js';
import { ensureStudioBuilt } from '../helpers/studioBuild.js';
import { parseXml } from '../helpers/xmlDocument.js';
import { tempFolder } from '../helpers/tempFolder.js';

const BIN = join(REPO_ROOT, 'bin/goplug.js');

function goplug(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [BIN, ...args], { timeout: 30_000, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let dir: Awaited<ReturnType<typeof tempFolder>>;

beforeAll(async () => {
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

async function collection(name: string, value: unknown): Promise<string> {
  const path = join(dir.path, name);
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

const SMOKE = {
  name: 'echo smoke',
  requests: [{ name: 'upper', plugin: 'demo/echo', method: 'Upper', body: 'hi', expect: { status: 200, body: 'HI' } }],
};

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
