/**
 * The compiled sample plugins as real processes: readiness line, files, signals, POST /Stop,
 * SIGKILL leaving a stale socket that the next start replaces, and each sample's methods.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DESCRIBE_PATH, parseDescribeAnswer } from '../../src/core/describeProtocol.js';
import { buildNode, REPO_ROOT, type Build } from '../helpers/buildOnce.js';
import {
  killAllPluginProcesses,
  startPluginProcess,
  waitForExit,
  type PluginProcess,
} from '../helpers/pluginProcess.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { unixRequest } from '../helpers/unixHttp.js';

let build: Build;
let dir: Awaited<ReturnType<typeof tempFolder>>;

beforeAll(async () => {
  build = await buildNode(['demo/echo.js', 'demo/clock.js', 'demo/kv.js', 'demo/catalog.js']);
}, 120_000);

afterAll(async () => {
  await build?.remove();
});

beforeEach(async () => {
  dir = await tempFolder('gp-proc-');
});

afterEach(async () => {
  await killAllPluginProcesses();
  await dir.remove();
});

function sample(
  name: string,
  args = ['--dir', dir.path],
  env: NodeJS.ProcessEnv = process.env,
): Promise<PluginProcess> {
  return startPluginProcess(process.execPath, [join(build.outDir, 'demo', `${name}.js`), ...args], { env });
}

const files = (): string[] => readdirSync(dir.path).sort();

describe('a compiled plugin process', () => {
  it('prints one readiness line on stdout once its socket and .pconf exist', async () => {
    const echo = await sample('echo');
    expect(echo.stdout()).toBe(`goplug: demo/echo ready on ${join(dir.path, 'demoecho.sock')}\n`);
    expect(files()).toEqual(['demoecho.pconf', 'demoecho.sock']);
    expect(readFileSync(join(dir.path, 'demoecho.pconf'), 'utf8')).toBe(
      `{"Name":"echo","NameSpace":"demo","Url":"unix://demoecho","Sock":"${echo.sock}","LazyLoad":false,"Pid":${echo.child.pid}}`,
    );
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s exits 0 and removes its .pconf and socket',
    async (signal) => {
      const echo = await sample('echo');
      echo.child.kill(signal);
      expect(await waitForExit(echo)).toEqual({ code: 0, signal: null });
      expect(files()).toEqual([]);
    },
  );

  it('on POST /Stop answers 200, exits 0 and removes its files', async () => {
    const echo = await sample('echo');
    const res = await unixRequest(echo.sock, '/Stop');
    expect(res.status).toBe(200);
    expect(await waitForExit(echo)).toEqual({ code: 0, signal: null });
    expect(files()).toEqual([]);
  });

  it('after SIGKILL leaves a stale .pconf and socket, which the next start replaces', async () => {
    const first = await sample('echo');
    first.child.kill('SIGKILL');
    expect((await waitForExit(first)).signal).toBe('SIGKILL');
    expect(files()).toEqual(['demoecho.pconf', 'demoecho.sock']);
    await expect(unixRequest(first.sock, '/Ping', { timeoutMs: 2000 })).rejects.toThrow(/ECONNREFUSED/);

    const second = await sample('echo');
    const res = await unixRequest(second.sock, '/Echo', { body: 'again' });
    expect(res.body.toString()).toBe('again');
  });

  it('refuses to start beside a live copy of itself: exit 1, a clear message naming the socket, the first untouched', async () => {
    const first = await sample('echo');
    const pconfBefore = readFileSync(join(dir.path, 'demoecho.pconf'));
    const second = sample('echo');
    await expect(second).rejects.toThrow(/exited \(1\) before ready/);
    await expect(second).rejects.toThrow(`Another process is already serving ${first.sock}`);
    expect(readFileSync(join(dir.path, 'demoecho.pconf'))).toEqual(pconfBefore);
    expect((await unixRequest(first.sock, '/Echo', { body: 'still me' })).body.toString()).toBe('still me');
  });

  /** Root writes anywhere whatever the mode, so as root the plugin runs as `nobody` (65534). */
  it('in a folder it may not write to: exit 1, a message naming the folder and the reason, nothing written', async () => {
    const folder = join(dir.path, 'theirs');
    await mkdir(folder, { mode: 0o555 });
    await chmod(dir.path, 0o755);
    const other = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const start = startPluginProcess(
      process.execPath,
      [join(build.outDir, 'demo', 'echo.js'), '--dir', folder],
      other,
    );
    await expect(start).rejects.toThrow(/exited \(1\) before ready/);
    await expect(start).rejects.toThrow(`cannot write in ${folder}: permission denied (EACCES)`);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('takes its folder from GOPLUG_PLUGIN_DIR, and says what to do when there is none', async () => {
    const echo = await sample('echo', [], { ...process.env, GOPLUG_PLUGIN_DIR: dir.path });
    expect(echo.sock).toBe(join(dir.path, 'demoecho.sock'));
    const env = { ...process.env };
    delete env.GOPLUG_PLUGIN_DIR;
    await expect(sample('kv', [], env)).rejects.toThrow(/pass \{ folder \} or set GOPLUG_PLUGIN_DIR/);
    await expect(sample('kv', ['--bogus'], env)).rejects.toThrow(/Bad plugin arguments.*--bogus/);
  });
});

describe('the samples', () => {
  it('demo/echo: Echo byte for byte, Upper, Delay with a clear error on a bad number', async () => {
    const { sock } = await sample('echo');
    const bytes = Buffer.from([0, 255, 10, 13]);
    expect((await unixRequest(sock, '/Echo', { body: bytes })).body).toEqual(bytes);
    expect((await unixRequest(sock, '/Upper', { body: 'héllo' })).body.toString()).toBe('HÉLLO');
    expect((await unixRequest(sock, '/Delay', { body: '20' })).body.toString()).toBe('{"waitedMs":20}');
    for (const bad of ['abc', '-5', '1.5', '600001']) {
      const res = await unixRequest(sock, '/Delay', { body: bad });
      expect(res.status).toBe(500);
      expect(res.body.toString()).toMatch(/^Delay needs a whole number of milliseconds from 0 to 600000/);
    }
    expect((await unixRequest(sock, '/Activate')).body.toString()).toBe(
      '["Echo","Upper","Delay","","","",""]',
    );
  });

  it('demo/echo: SIGTERM with a Delay in flight still exits 0, and the caller is not left hanging', async () => {
    const echo = await sample('echo');
    const delayed = unixRequest(echo.sock, '/Delay', { body: '600000' }).then(
      (res) => res.body.toString(),
      (err: unknown) => String(err),
    );
    echo.child.kill('SIGTERM');
    expect(await waitForExit(echo)).toEqual({ code: 0, signal: null });
    // Cut short (500 with the reason), 503 (arrived while stopping), refused or reset: any of
    // them, depending on when the request landed, but an answer, not a hang.
    expect(await delayed).toMatch(/cut short|is stopping|ECONNREFUSED|ENOENT|ECONNRESET|socket hang up/);
  });

  it('demo/clock: Now is an ISO time as a JSON string; tick notifications count up', async () => {
    const { sock } = await sample('clock');
    const now = JSON.parse((await unixRequest(sock, '/Now')).body.toString()) as string;
    expect(new Date(now).toISOString()).toBe(now);
    const ticks = [];
    for (let i = 0; i < 2; i += 1) {
      const res = await unixRequest(sock, '/RegisterCallback', { body: '"tick"' });
      ticks.push(JSON.parse(res.body.toString()) as { time: string; seq: number });
    }
    expect(ticks.map((t) => t.seq)).toEqual([1, 2]);
    expect(ticks.every((t) => new Date(t.time).toISOString() === t.time)).toBe(true);
  });

  it.each([
    ['echo', []],
    ['clock', ['tick']],
    ['kv', []],
  ])(
    'demo/%s describes every method Activate lists, and each example body is one the method accepts',
    async (name, callbacks) => {
      const { sock } = await sample(name);
      const methods = (JSON.parse((await unixRequest(sock, '/Activate')).body.toString()) as string[]).filter(
        (m) => m !== '',
      );
      const parsed = parseDescribeAnswer((await unixRequest(sock, DESCRIBE_PATH)).body);
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(parsed.answer.methods.map((m) => m.name)).toEqual(methods);
      for (const method of parsed.answer.methods) {
        expect(method.description, method.name).toMatch(/\S/);
        if (method.example === undefined) continue;
        const res = await unixRequest(sock, `/${method.name}`, { body: method.example.body });
        expect([method.name, res.status]).toEqual([method.name, 200]);
      }
      expect(parsed.answer.callbacks.map((c) => [c.name, /\S/.test(c.description ?? '')])).toEqual(
        callbacks.map((c) => [c, true]),
      );
    },
  );

  it('demo/kv: LazyLoad in its .pconf; Set, Get, List, Delete with JSON; clear errors', async () => {
    const { sock } = await sample('kv');
    expect(readFileSync(join(dir.path, 'demokv.pconf'), 'utf8')).toContain('"LazyLoad":true');
    const call = async (method: string, body?: string): Promise<[number, string]> => {
      const res = await unixRequest(sock, `/${method}`, { body });
      return [res.status, res.body.toString()];
    };
    expect(await call('Set', '{"key":"b","value":"v"}')).toEqual([200, '{"key":"b","value":"v"}']);
    expect(await call('Set', '{"key":"a","value":{"n":1}}')).toEqual([200, '{"key":"a","value":{"n":1}}']);
    expect(await call('Get', '{"key":"b"}')).toEqual([200, '{"key":"b","value":"v"}']);
    expect(await call('List')).toEqual([200, '["a","b"]']);
    expect(await call('Delete', '{"key":"b"}')).toEqual([200, '{"key":"b","deleted":true}']);
    expect(await call('Delete', '{"key":"b"}')).toEqual([200, '{"key":"b","deleted":false}']);
    expect(await call('Get', '{"key":"b"}')).toEqual([500, 'No such key: "b"']);
    expect(await call('Get', 'not json')).toEqual([
      500,
      expect.stringMatching(/^Get needs a JSON body like \{"key":"k"\}/),
    ]);
    expect(await call('Set', '{"key":"x"}')).toEqual([
      500,
      'Set needs a "value", like {"key":"k","value":"v"}',
    ]);
    expect(await call('Get', '{"key":1}')).toEqual([
      500,
      'Get needs a JSON object with a string "key", like {"key":"k"}',
    ]);
  });

  it('the catalog points at files that exist: compiled Node mains beside it, the Python main in the source tree', async () => {
    const { DEMO_SAMPLES } = (await import(
      pathToFileURL(join(build.outDir, 'demo', 'catalog.js')).href
    )) as typeof import('../../demo/catalog.js');
    expect(DEMO_SAMPLES.map((s) => [s.id, s.kind])).toEqual([
      ['demo/echo', 'node'],
      ['demo/clock', 'node'],
      ['demo/kv', 'node'],
      ['demo/hello-py', 'python'],
    ]);
    for (const s of DEMO_SAMPLES) expect(existsSync(s.entry)).toBe(true);
    expect(DEMO_SAMPLES.find((s) => s.kind === 'python')?.entry).toBe(
      join(REPO_ROOT, 'demo', 'hello-py', 'hello.py'),
    );
    expect(DEMO_SAMPLES.find((s) => s.id === 'demo/echo')?.entry).toBe(join(build.outDir, 'demo', 'echo.js'));
  });
});
