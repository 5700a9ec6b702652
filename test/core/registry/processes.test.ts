/**
 * The registry against real plugin processes: the compiled samples, killed the hard way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

const echo = () => startPluginProcess('node', [join(build.outDir, 'demo/echo.js'), '--dir', dir.path]);

async function registryWithEcho() {
  const proc = await echo();
  registry = await openRegistry({ folders: [dir.path] });
  await waitForState(registry, 'demo/echo', 'started');
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
