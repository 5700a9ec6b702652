/**
 * The registry against real plugin processes: the compiled samples, killed the hard way, and
 * started by hand outside the registry (issue 14 §1, §2): who runs them, what a stop and a crash
 * leave, what a start can and cannot do, and Forget.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openRegistry, type PluginRegistry } from '../../../src/core/registry/index.js';
import { buildNode, REPO_ROOT, type Build } from '../../helpers/buildOnce.js';
import { killAllPluginProcesses, startPluginProcess, waitForExit } from '../../helpers/pluginProcess.js';
import { waitForState } from '../../helpers/registryWait.js';
import { waitUntil } from '../../helpers/waitUntil.js';
import { tempFolder } from '../../helpers/tempFolder.js';

let build: Build;
let dir: Awaited<ReturnType<typeof tempFolder>>;
let registry: PluginRegistry | undefined;

beforeAll(async () => {
  build = await buildNode(['demo/echo.js']);
}, 120_000);
afterAll(() => build.remove());

beforeEach(async () => {
  dir = await tempFolder();
});
afterEach(async () => {
  await registry?.close();
  registry = undefined;
  await killAllPluginProcesses();
  await dir.remove();
});

const echoArgs = () => [join(build.outDir, 'demo/echo.js'), '--dir', dir.path];
const echo = () => startPluginProcess(process.execPath, echoArgs());
const pconf = () => join(dir.path, 'demoecho.pconf');

async function registryWithEcho() {
  const proc = await echo();
  registry = await openRegistry({ folders: [dir.path] });
  await waitForState(registry, 'demo/echo', 'started');
  await registry.whenIdle();
  return proc;
}

describe('a plugin process killed with SIGKILL', () => {
  it('while idle: the next call fails with a typed error and the plugin shows as unreachable', async () => {
    const proc = await registryWithEcho();
    proc.child.kill('SIGKILL');
    await waitForExit(proc);
    const error = await registry!.execute('demo/echo', 'Echo', 'x').catch((e: { code: string }) => e);
    expect(['CONNECT_FAILED', 'PLUGIN_GONE']).toContain((error as { code: string }).code);
    const plugin = registry!.get('demo/echo')!;
    expect(plugin.unreachable).toBe(true);
    expect(plugin.error?.code).toBe((error as { code: string }).code);
    // The crash left its .pconf and socket behind: stale, but still listed with the reason.
    expect(existsSync(plugin.confPath)).toBe(true);
  });

  it('in the middle of a call: the call fails with PLUGIN_GONE at once, not at its deadline', async () => {
    const proc = await registryWithEcho();
    const started = Date.now();
    const call = registry!.execute('demo/echo', 'Delay', '60000', { timeoutMs: 120_000 }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 200));
    proc.child.kill('SIGKILL');
    const error = (await call) as { code: string };
    expect(error.code).toBe('PLUGIN_GONE');
    // Settled long before the 60 s the method would take (a hang guard, not a timing claim).
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('leaves a stale .pconf: a new registry lists the plugin with CONNECT_FAILED instead of hanging', async () => {
    const proc = await echo();
    proc.child.kill('SIGKILL');
    await waitForExit(proc);
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    const plugin = registry.get('demo/echo')!;
    expect(plugin.state).toBe('discovered');
    expect(plugin.unreachable).toBe(true);
    expect(plugin.error?.code).toBe('CONNECT_FAILED');
  });

  it('is replaced by a new process on the same socket: the registry reconnects and calls work again', async () => {
    const first = await registryWithEcho();
    first.child.kill('SIGKILL');
    await waitForExit(first);
    await registry!.execute('demo/echo', 'Echo', 'x').catch(() => undefined);
    await echo();
    await waitUntil(() => {
      const p = registry!.get('demo/echo');
      return p?.state === 'started' && !p.unreachable;
    }, 'demo/echo to be started again', 10_000);
    expect((await registry!.execute('demo/echo', 'Echo', 'again')).body.toString()).toBe('again');
  });
});

describe('a plugin process that stops', () => {
  it('on POST /Stop exits and removes its files; the registry keeps it listed as Stopped with its methods', async () => {
    const proc = await registryWithEcho();
    await registry!.stop('demo/echo');
    expect((await waitForExit(proc)).code).toBe(0);
    await waitUntil(() => registry!.get('demo/echo')?.confRemoved === true, 'the .pconf to be gone', 10_000);
    expect(existsSync(join(dir.path, 'demoecho.pconf'))).toBe(false);
    expect(existsSync(join(dir.path, 'demoecho.sock'))).toBe(false);
    const plugin = registry!.get('demo/echo')!;
    expect(plugin.state).toBe('stopped');
    expect(plugin.methods).toContain('Echo');
    expect(plugin.confPath).toBe(join(dir.path, 'demoecho.pconf'));
  });
});

const hasPython = (() => {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

describe('the Python sample plugin', () => {
  it.skipIf(!hasPython)('is driven by the registry like any other: Activate, a method, Ping, Stop', async () => {
    const proc = await startPluginProcess('python3', [join(REPO_ROOT, 'demo/hello-py/hello.py'), '--dir', dir.path]);
    registry = await openRegistry({ folders: [dir.path] });
    await waitForState(registry, 'demo/hello-py', 'started');
    expect(registry.get('demo/hello-py')!.methods).toContain('Hello');
    expect((await registry.execute('demo/hello-py', 'Hello', 'GoPlug')).body.toString()).toBe('Hello, GoPlug!');
    expect((await registry.ping('demo/hello-py')).rttMs).toBeGreaterThan(0);
    await registry.stop('demo/hello-py');
    expect((await waitForExit(proc)).code).toBe(0);
  });
});

describe('a plugin started by hand', () => {
  it('is shown as outside, with the pid its .pconf announced, its argv and working folder', async () => {
    const proc = await registryWithEcho();
    expect(registry!.get('demo/echo')!.origin).toEqual({
      kind: 'outside',
      pid: proc.child.pid,
      argv: [process.execPath, ...echoArgs()],
      cwd: process.cwd(),
      source: 'pconf',
      // This test started it: its parent is this very process.
      parent: { pid: process.pid, argv: process.argv.length > 0 ? expect.any(Array) : null },
    });
  });

  it('is found through its socket when the .pconf has no Pid, and a Pid that does not serve the socket is not believed', async () => {
    const proc = await echo();
    const conf = JSON.parse(readFileSync(pconf(), 'utf8')) as Record<string, unknown>;
    delete conf['Pid'];
    await writeFile(pconf(), JSON.stringify(conf));
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    expect(registry.get('demo/echo')!.origin).toMatchObject({ kind: 'outside', pid: proc.child.pid, source: 'socket-owner' });

    // This test's own pid holds no socket of that path: the owner is told, beside the claim.
    await writeFile(pconf(), JSON.stringify({ ...conf, Pid: process.pid }));
    await waitUntil(() => registry!.get('demo/echo')!.origin?.pconfPid === process.pid, 'the claim to be read', 10_000);
    await registry.whenIdle();
    expect(registry.get('demo/echo')!.origin).toMatchObject({ pid: proc.child.pid, source: 'socket-owner' });
  });

  it('is unknown when nothing serves its socket', async () => {
    await writeFile(pconf(), JSON.stringify({ Name: 'echo', NameSpace: 'demo', Sock: join(dir.path, 'none.sock'), Pid: 1 }));
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    expect(registry.get('demo/echo')!.origin).toEqual({
      kind: 'unknown',
      pid: null,
      argv: null,
      cwd: null,
      source: null,
      pconfPid: 1,
    });
  });

  it('stays listed as Stopped with its methods and history after a stop; a start explains why it cannot, and how', async () => {
    const proc = await registryWithEcho();
    await registry!.stop('demo/echo');
    await waitForExit(proc);
    await waitUntil(() => registry!.get('demo/echo')?.confRemoved === true, 'its .pconf to go', 10_000);
    await registry!.whenIdle();
    const plugin = registry!.get('demo/echo')!;
    expect(plugin.state).toBe('stopped');
    expect(plugin.methods).toContain('Echo');
    expect(plugin.history.map((h) => h.state)).toEqual(['discovered', 'starting', 'started', 'stopping', 'stopped']);

    const error = await registry!.start('demo/echo').catch((e: { code: string; message: string; hint: string }) => e);
    expect(error).toMatchObject({ code: 'CANNOT_START' });
    const { message, hint } = error as { message: string; hint: string };
    expect(message).toContain(`started outside this Studio (pid ${proc.child.pid}: \`${[process.execPath, ...echoArgs()].join(' ')}\``);
    expect(hint).toMatch(/Start it again where it was started.*Remember its command/);
  });

  it('is not restarted (that would end it for good): the restart is refused and it keeps running', async () => {
    await registryWithEcho();
    await expect(registry!.restart('demo/echo')).rejects.toMatchObject({ code: 'CANNOT_START' });
    expect(registry!.get('demo/echo')!.state).toBe('started');
    expect((await registry!.execute('demo/echo', 'Echo', 'still')).body.toString()).toBe('still');
  });

  it('is forgotten only once stopped and its .pconf is gone', async () => {
    const proc = await registryWithEcho();
    expect(() => registry!.forget('demo/echo')).toThrow(expect.objectContaining({ code: 'ALREADY_STARTED' }));
    proc.child.kill('SIGKILL');
    await waitForExit(proc);
    await registry!.execute('demo/echo', 'Echo', 'x').catch(() => undefined);
    // The killed process left its .pconf: forgetting now would be undone by discovery.
    await registry!.stop('demo/echo').catch(() => undefined);
    expect(() => registry!.forget('demo/echo')).toThrow(expect.objectContaining({ code: 'FILES_PRESENT' }));
    await unlink(pconf());
    await waitUntil(() => registry!.get('demo/echo')?.confRemoved === true, 'its .pconf to go', 10_000);
    registry!.forget('demo/echo');
    expect(registry!.list()).toEqual([]);
  });
});

describe('a plugin whose process was killed (issue 14 §2)', () => {
  it('says its process ended, not that its .pconf was removed; back again, its history goes on and the restart is counted', async () => {
    const first = await registryWithEcho();
    const pid = first.child.pid!;
    first.child.kill('SIGKILL');
    await waitForExit(first);
    // What a supervisor (e.g. `goplug demo`) does with a dead plugin's files.
    await unlink(pconf());
    await waitForState(registry!, 'demo/echo', 'stopped');
    const ended = registry!.get('demo/echo')!;
    expect(ended.history.at(-1)!.reason).toBe(`process ended (pid ${pid} is gone)`);
    expect(ended.error).toMatchObject({ code: 'PLUGIN_GONE', message: `demo/echo: process ended (pid ${pid} is gone)` });
    expect(ended.restarts).toBe(0);

    const second = await echo();
    await waitUntil(() => registry!.get('demo/echo')?.state === 'started', 'demo/echo to be started again', 10_000);
    await registry!.whenIdle();
    const back = registry!.get('demo/echo')!;
    expect(back.restarts).toBe(1);
    expect(back.origin?.pid).toBe(second.child.pid);
    expect(back.history.map((h) => h.state)).toEqual([
      'discovered', 'starting', 'started', 'stopped', 'discovered', 'starting', 'started',
    ]);
    expect(back.confRemoved).toBeUndefined();
  });

  it('counts a restart when a new process rewrites the stale .pconf it left', async () => {
    const first = await registryWithEcho();
    first.child.kill('SIGKILL');
    await waitForExit(first);
    await echo();
    await waitUntil(() => registry!.get('demo/echo')?.restarts === 1, 'the restart to be counted', 10_000);
    await waitForState(registry!, 'demo/echo', 'started');
  });
});
