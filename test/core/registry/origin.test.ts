/**
 * Plugins started outside the registry (issue 14 §1, §2): real sample processes spawned by the
 * test, seen by a registry that did not launch them. Who runs them, what a stop and a crash
 * leave, what a start can and cannot do, and Forget.
 */
import { readFileSync } from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openRegistry, type PluginRegistry } from '../../../src/core/registry/index.js';
import { buildNode, type Build } from '../../helpers/buildOnce.js';
import { killAllPluginProcesses, startPluginProcess, waitForExit } from '../../helpers/pluginProcess.js';
import { waitForState } from '../../helpers/registryWait.js';
import { tempFolder } from '../../helpers/tempFolder.js';
import { waitUntil } from '../../helpers/waitUntil.js';

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

async function openWithEcho() {
  const proc = await echo();
  registry = await openRegistry({ folders: [dir.path] });
  await waitForState(registry, 'demo/echo', 'started');
  await registry.whenIdle();
  return proc;
}

describe('a plugin started by hand', () => {
  it('is shown as outside, with the pid its .pconf announced, its argv and working folder', async () => {
    const proc = await openWithEcho();
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
    const proc = await openWithEcho();
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
    await openWithEcho();
    await expect(registry!.restart('demo/echo')).rejects.toMatchObject({ code: 'CANNOT_START' });
    expect(registry!.get('demo/echo')!.state).toBe('started');
    expect((await registry!.execute('demo/echo', 'Echo', 'still')).body.toString()).toBe('still');
  });

  it('is forgotten only once stopped and its .pconf is gone', async () => {
    const proc = await openWithEcho();
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
    const first = await openWithEcho();
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
    const first = await openWithEcho();
    first.child.kill('SIGKILL');
    await waitForExit(first);
    await echo();
    await waitUntil(() => registry!.get('demo/echo')?.restarts === 1, 'the restart to be counted', 10_000);
    await waitForState(registry!, 'demo/echo', 'started');
  });
});
