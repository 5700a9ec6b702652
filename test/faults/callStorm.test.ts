/**
 * 10,000 calls in flight across 20 plugins while plugins restart: SDK plugins in this process
 * are stopped and started again, and plugin processes are killed with SIGKILL and respawned,
 * all during the storm. Every call settles, with its own answer or a typed error code; none
 * hangs; and afterwards the registry shows the 20 plugins started and serving.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GoPlugError } from '../../src/core/errors.js';
import { openRegistry, type PluginRegistry } from '../../src/core/registry/index.js';
import { createPlugin, type GoPlugPlugin } from '../../src/sdk/index.js';
import { buildNode, type Build } from '../helpers/buildOnce.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { killAllPluginProcesses, waitForExit, type PluginProcess } from '../helpers/pluginProcess.js';
import { installScriptedPlugin, startScriptedPlugin } from '../helpers/scriptedPlugin.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

const IN_PROCESS = 18;
const PROCESSES = 2;
const CALLS = 10_000;
const WAVES = 20;

/** What a call may end with while its plugin restarts under it, besides its answer. */
const RESTART_CODES = ['PLUGIN_GONE', 'CONNECT_FAILED', 'NOT_STARTED', 'NOT_DISCOVERED'];

let build: Build;
let dir: Awaited<ReturnType<typeof tempFolder>>;
let registry: PluginRegistry | undefined;
const sdkPlugins = new Map<string, GoPlugPlugin>();

beforeAll(async () => {
  build = await buildNode(['src/sdk/index.js']);
  await installScriptedPlugin(build);
}, 120_000);
afterAll(() => build.remove());

beforeEach(async () => {
  dir = await tempFolder('gp-s-');
});
afterEach(async () => {
  await registry?.close();
  registry = undefined;
  await Promise.all([...sdkPlugins.values()].map((p) => p.stop()));
  sdkPlugins.clear();
  await killAllPluginProcesses();
  await dir.remove();
});

const sdkName = (i: number) => `s${String(i).padStart(2, '0')}`;
const processName = (i: number) => `p${i}`;

async function startSdkPlugin(name: string): Promise<void> {
  const plugin = createPlugin({ folder: dir.path, namespace: 'storm', name }).method('Echo', (body) => body);
  sdkPlugins.set(name, plugin);
  await plugin.start();
}

const startProcess = (name: string) =>
  startScriptedPlugin(build, { dir: dir.path, namespace: 'storm', name });

describe('a storm of calls while plugins restart', () => {
  it('10,000 calls across 20 plugins: every call settles with its answer or a typed error, none hangs, the registry ends consistent', async () => {
    for (let i = 0; i < IN_PROCESS; i++) await startSdkPlugin(sdkName(i));
    const processes = new Map<string, PluginProcess>();
    for (let i = 0; i < PROCESSES; i++) processes.set(processName(i), await startProcess(processName(i)));
    const ids = [
      ...Array.from({ length: IN_PROCESS }, (_, i) => `storm/${sdkName(i)}`),
      ...Array.from({ length: PROCESSES }, (_, i) => `storm/${processName(i)}`),
    ].sort();
    const reg = await openRegistry({ folders: [dir.path], request: { timeoutMs: 30_000 } });
    registry = reg;
    const allStarted = () => ids.every((id) => reg.get(id)?.state === 'started');
    await waitUntil(allStarted, 'the 20 plugins to be started', 15_000);

    const outcomes = new Map<string, number>();
    const count = (what: string) => outcomes.set(what, (outcomes.get(what) ?? 0) + 1);
    const call = async (id: string, n: number): Promise<void> => {
      const body = `${id} #${n}`;
      try {
        const res = await reg.execute(id, 'Echo', body);
        count(res.status === 200 && res.body.toString() === body ? 'answered' : `wrong answer ${res.status}`);
      } catch (err) {
        count(err instanceof GoPlugError ? err.code : `not a GoPlugError: ${String(err)}`);
      }
    };

    let stormOver = false;
    const restarts = (async () => {
      let round = 0;
      while (!stormOver && round < 6) {
        const sdk = sdkName(round % IN_PROCESS);
        await sdkPlugins.get(sdk)!.stop();
        await startSdkPlugin(sdk);
        const name = processName(round % PROCESSES);
        const proc = processes.get(name)!;
        proc.child.kill('SIGKILL');
        await waitForExit(proc);
        processes.set(name, await startProcess(name));
        round++;
      }
      return round;
    })();

    const calls: Array<Promise<void>> = [];
    for (let wave = 0; wave < WAVES; wave++) {
      for (let n = 0; n < CALLS / WAVES; n++) {
        calls.push(call(ids[n % ids.length]!, wave * (CALLS / WAVES) + n));
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    await withDeadline(Promise.all(calls), 90_000, 'every call of the storm to settle');
    stormOver = true;
    const restartRounds = await withDeadline(restarts, 30_000, 'the restarts to finish');

    const total = [...outcomes.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(CALLS);
    expect(restartRounds).toBeGreaterThan(0);
    const unexpected = [...outcomes.keys()].filter(
      (what) => what !== 'answered' && !RESTART_CODES.includes(what),
    );
    expect(unexpected, JSON.stringify(Object.fromEntries(outcomes))).toEqual([]);
    expect(outcomes.get('answered') ?? 0).toBeGreaterThan(CALLS / 2);

    // Consistent afterwards: the 20 plugins, each started and answering, nothing half-done.
    await waitUntil(allStarted, 'the 20 plugins to be started again', 15_000);
    await withDeadline(reg.whenIdle(), 10_000, 'the registry to settle');
    expect(reg.list().map((p) => p.id)).toEqual(ids);
    expect(reg.problems()).toEqual([]);
    for (const id of ids) {
      expect((await reg.execute(id, 'Echo', 'after')).body.toString()).toBe('after');
      expect(reg.get(id)).toMatchObject({ state: 'started', unreachable: false });
    }
  }, 120_000);
});
