/**
 * The Python sample (standard library only) on the wire, as a real process: the same built-ins
 * and file conventions as a Go or TypeScript plugin.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DESCRIBE_PATH, parseDescribeAnswer } from '../../src/core/describeProtocol.js';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { killAllPluginProcesses, startPluginProcess, waitForExit, type PluginProcess } from '../helpers/pluginProcess.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { RawHttpConnection, unixRequest } from '../helpers/unixHttp.js';

const HELLO_PY = join(REPO_ROOT, 'demo', 'hello-py', 'hello.py');
const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython) console.warn('python3 is not installed: the demo/hello-py tests are skipped');

let dir: Awaited<ReturnType<typeof tempFolder>>;

beforeEach(async () => {
  dir = await tempFolder('gp-py-');
});

afterEach(async () => {
  await killAllPluginProcesses();
  await dir.remove();
});

function hello(): Promise<PluginProcess> {
  return startPluginProcess('python3', [HELLO_PY, '--dir', dir.path]);
}

describe.skipIf(!hasPython)('demo/hello-py', () => {
  it('listens on a 0600 socket and writes its .pconf in Go format, then says it is ready', async () => {
    const py = await hello();
    expect(py.stdout()).toBe(`goplug: demo/hello-py ready on ${join(dir.path, 'demohello-py.sock')}\n`);
    expect(statSync(py.sock).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir.path, 'demohello-py.pconf'), 'utf8')).toBe(
      `{"Name":"hello-py","NameSpace":"demo","Url":"unix://demohello-py","Sock":"${py.sock}","LazyLoad":false}`,
    );
  });

  it('serves Activate, Hello, Ping, and answers 400/301 as Go does', async () => {
    const { sock } = await hello();
    const activate = await unixRequest(sock, '/Activate');
    expect([activate.status, activate.body.toString(), activate.headers['content-type']]).toEqual([
      200,
      '["Hello","","","",""]',
      'text/plain; charset=utf-8',
    ]);
    expect((await unixRequest(sock, '/Hello', { body: 'Ada' })).body.toString()).toBe('Hello, Ada!');
    expect((await unixRequest(sock, '/Hello', { method: 'GET' })).body.toString()).toBe('Hello, world!');
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect((await unixRequest(sock, '/Ping', { body: bytes })).body).toEqual(bytes);
    expect((await unixRequest(sock, '/Nope')).status).toBe(400);
    expect((await unixRequest(sock, '/')).status).toBe(400);
    const connection = await RawHttpConnection.open(sock);
    try {
      connection.write('POST //Activate HTTP/1.1\r\nHost: X\r\n\r\n');
      const moved = await connection.response();
      expect([moved.status, moved.headers.location]).toEqual([301, '/Activate']);
    } finally {
      connection.close();
    }
  });

  it('keeps notifications for RegisterCallback and refuses a body that is not a JSON string', async () => {
    const { sock } = await hello();
    await unixRequest(sock, '/Hello', { body: 'Ada' });
    await unixRequest(sock, '/Hello', { body: 'Bob' });
    expect((await unixRequest(sock, '/RegisterCallback', { body: '"greeted"' })).body.toString()).toBe('Ada');
    expect((await unixRequest(sock, '/RegisterCallback', { body: '"greeted"' })).body.toString()).toBe('Bob');
    const bad = await unixRequest(sock, '/RegisterCallback', { body: '{}' });
    expect([bad.status, bad.body.toString()]).toEqual([400, expect.stringMatching(/^RegisterCallback needs a JSON string/)]);
  });

  it('describes Hello and the greeted callback; a Go host polling main.greeted gets it, saying how long it waited queued', async () => {
    const { sock } = await hello();
    const res = await unixRequest(sock, DESCRIBE_PATH);
    expect([res.status, res.headers['content-type']]).toEqual([200, 'application/json']);
    const parsed = parseDescribeAnswer(res.body);
    expect(parsed.ok && parsed.answer.methods.map((m) => [m.name, m.example])).toEqual([
      ['Hello', { body: 'Ada', contentType: 'text/plain' }],
    ]);
    expect(parsed.ok && parsed.answer.callbacks.map((c) => c.name)).toEqual(['greeted']);
    await unixRequest(sock, '/Hello', { body: 'Ada' });
    const queued = await unixRequest(sock, '/RegisterCallback', { body: '"main.greeted"' });
    expect([queued.body.toString(), Number(queued.headers['goplug-queued-ms']) >= 0]).toEqual(['Ada', true]);
  });

  it('serves several requests on one keep-alive connection', async () => {
    const { sock } = await hello();
    const connection = await RawHttpConnection.open(sock);
    try {
      for (const who of ['a', 'b', 'c']) {
        connection.write(`POST /Hello HTTP/1.1\r\nHost: demohello-py\r\nContent-Length: 1\r\n\r\n${who}`);
        expect((await connection.response()).body.toString()).toBe(`Hello, ${who}!`);
      }
    } finally {
      connection.close();
    }
  });

  it('on POST /Stop answers 200, ends a waiting poll with 503, exits 0 and removes its files', async () => {
    const py = await hello();
    const poll = unixRequest(py.sock, '/RegisterCallback', { body: '"never"' });
    const stop = await unixRequest(py.sock, '/Stop');
    expect(stop.status).toBe(200);
    expect(await waitForExit(py)).toEqual({ code: 0, signal: null });
    // Parked before Stop: 503. Still connecting or being read when the plugin went: refused, reset
    // or closed unanswered. Any of them, but never a hang.
    expect(await poll.then((res) => String(res.status), (err: unknown) => String(err))).toMatch(
      /^503$|ECONN|ENOENT|socket hang up/,
    );
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('after SIGKILL, a new start replaces the stale socket; a live copy is refused', async () => {
    const first = await hello();
    first.child.kill('SIGKILL');
    await waitForExit(first);
    expect(readdirSync(dir.path)).toEqual(['demohello-py.pconf', 'demohello-py.sock']);
    const second = await hello();
    expect((await unixRequest(second.sock, '/Hello', { body: 'again' })).body.toString()).toBe('Hello, again!');
    await expect(hello()).rejects.toThrow(`another process is already serving ${second.sock}`);
  });

  it('on SIGTERM exits 0 and removes its files', async () => {
    const py = await hello();
    py.child.kill('SIGTERM');
    expect(await waitForExit(py)).toEqual({ code: 0, signal: null });
    expect(readdirSync(dir.path)).toEqual([]);
  });
});
