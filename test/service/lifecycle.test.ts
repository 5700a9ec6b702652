/**
 * The Studio service with a plugin started elsewhere (issue 14 §1): a real sample process spawned
 * by the test, not by the Studio. Stop keeps it listed, start explains, "remember its command"
 * writes a manifest that waits for approval and then starts it; folders are added without a
 * reload (§4).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildNode, type Build } from '../helpers/buildOnce.js';
import { killAllPluginProcesses, startPluginProcess, waitForExit } from '../helpers/pluginProcess.js';
import { openStudio, value, type Studio } from '../helpers/studio.js';
import { tempFolder } from '../helpers/tempFolder.js';

let build: Build;
let studio: Studio | undefined;

beforeAll(async () => {
  build = await buildNode(['demo/echo.js']);
}, 120_000);
afterAll(() => build.remove());
afterEach(async () => {
  await studio?.close();
  studio = undefined;
  await killAllPluginProcesses();
});

const snapshotOf = async (s: Studio, id: string) =>
  value(await s.service.call('getSnapshot', {})).plugins.find((p) => p.id === id);

describe('a plugin started elsewhere, in the Studio', () => {
  it('is stopped and kept; its command, remembered and approved, starts it again with its history', async () => {
    studio = await openStudio({ launcher: { orphanGuard: false } });
    const s = studio;
    const argv = [join(build.outDir, 'demo/echo.js'), '--dir', s.pluginDir];
    const proc = await startPluginProcess(process.execPath, argv);
    await s.waitFor('demo/echo', 'started');
    // Found after the start, never before it: the start does not wait for /proc.
    await waitFor(s, 'demo/echo', (p) => p.origin?.pid === proc.child.pid);
    expect((await snapshotOf(s, 'demo/echo'))!.origin).toMatchObject({
      kind: 'outside',
      pid: proc.child.pid,
      argv: [process.execPath, ...argv],
    });

    value(await s.service.call('stopPlugin', { id: 'demo/echo' }));
    await waitForExit(proc);
    await waitFor(s, 'demo/echo', (p) => p.confRemoved === true);
    const stopped = (await snapshotOf(s, 'demo/echo'))!;
    expect(stopped.state).toBe('stopped');
    expect(stopped.methods).toContain('Echo');
    const refused = await s.service.call('startPlugin', { id: 'demo/echo' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CANNOT_START' } });

    const remembered = value(await s.service.call('rememberCommand', { id: 'demo/echo' }));
    expect(remembered.path).toBe(join(s.pluginDir, 'demoecho.plugin.json'));
    expect(remembered.commandLine).toContain(argv[0]);
    await waitFor(s, 'demo/echo', (p) => p.waitingApproval !== undefined);
    expect(await s.service.call('startPlugin', { id: 'demo/echo' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_APPROVED' },
    });

    await s.trust(remembered.path);
    value(await s.service.call('startPlugin', { id: 'demo/echo' }));
    const back = (await snapshotOf(s, 'demo/echo'))!;
    expect(back.state).toBe('started');
    expect(back.origin).toMatchObject({ kind: 'manifest', source: 'launched' });
    expect(back.restarts).toBe(1);
    expect(back.history.filter((h) => h.state === 'started')).toHaveLength(2);
    value(await s.service.call('stopPlugin', { id: 'demo/echo' }));
  });

  it('cannot remember the command of a plugin whose process is not known', async () => {
    studio = await openStudio();
    await writeFile(
      join(studio.pluginDir, 'x.pconf'),
      JSON.stringify({ Name: 'x', Sock: '/tmp/gp-none.sock', LazyLoad: true }),
    );
    await waitFor(studio, 'x', (p) => p.origin !== undefined);
    expect(await studio.service.call('rememberCommand', { id: 'x' })).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: 'rememberCommand: the command of x is not known (no process was found serving its socket)',
      },
    });
  });
});

describe('adding a folder', () => {
  it('watches it without reloading: the plugins listed keep their state and history, no reload notice', async () => {
    studio = await openStudio();
    const s = studio;
    await s.plugin('one', { lazyLoad: true }).start();
    await s.waitFor('test/one', 'discovered');
    value(await s.service.call('startPlugin', { id: 'test/one' }));
    const before = (await snapshotOf(s, 'test/one'))!.history;

    const extra = await tempFolder('gp-x-');
    try {
      await s.plugin('two', { folder: extra.path }).start();
      const settings = value(await s.service.call('addFolder', { path: extra.path }));
      expect(settings.folders).toEqual([s.pluginDir, extra.path]);
      await s.waitFor('test/two', 'started');
      expect((await snapshotOf(s, 'test/one'))!.history).toEqual(before);
      expect(s.events().filter((e) => e.type === 'removed' || e.type === 'notice')).toEqual([]);
    } finally {
      await extra.remove();
    }
  });

  it('says clearly what is wrong with a folder, and creates a missing one when asked', async () => {
    studio = await openStudio();
    const s = studio;
    const call = (path: string, create?: boolean) =>
      s.service.call('addFolder', create === undefined ? { path } : { path, create });
    expect(await call('plugins')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'addFolder: "plugins" is not an absolute path' },
    });
    const missing = join(s.dataDir, 'not', 'yet');
    expect(await call(missing)).toMatchObject({
      ok: false,
      error: { code: 'FOLDER_MISSING', message: `addFolder: ${missing} does not exist` },
    });
    const file = join(s.dataDir, 'a-file');
    await writeFile(file, 'x');
    expect(await call(file)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: `addFolder: ${file} is a file, not a folder` },
    });
    expect(await call(s.pluginDir)).toMatchObject({
      ok: false,
      error: { message: `addFolder: ${s.pluginDir} is already watched` },
    });
    if (process.getuid?.() !== 0) {
      const closed = join(s.dataDir, 'closed');
      await mkdir(closed, { mode: 0o000 });
      expect(await call(closed)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }

    expect(value(await call(missing, true)).folders).toContain(missing);
    await s.plugin('late', { folder: missing }).start();
    await s.waitFor('test/late', 'started');
  });
});

type Snapshot = NonNullable<Awaited<ReturnType<typeof snapshotOf>>>;

async function waitFor(s: Studio, id: string, holds: (p: Snapshot) => boolean): Promise<void> {
  const giveUp = Date.now() + 10_000;
  for (;;) {
    const plugin = await snapshotOf(s, id);
    if (plugin && holds(plugin)) return;
    if (Date.now() > giveUp) throw new Error(`${id}: not the case within 10 s: ${JSON.stringify(plugin)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a sample started elsewhere', () => {
  it('is known by its exact command line only', async () => {
    const { sampleLaunch } = await import('../../src/service/samples.js');
    const { DEMO_SAMPLES } = await import('../../demo/catalog.js');
    const echo = DEMO_SAMPLES.find((s) => s.id === 'demo/echo')!;
    const spec = sampleLaunch('demo/echo', [process.execPath, echo.entry, '--dir', '/tmp/plugins']);
    expect(spec).toMatchObject({
      id: 'demo/echo',
      folder: '/tmp/plugins',
      pconfPath: '/tmp/plugins/demoecho.pconf',
    });
    expect(
      sampleLaunch('demo/clock', [process.execPath, echo.entry, '--dir', '/tmp/plugins']),
    ).toBeUndefined();
    expect(sampleLaunch('demo/echo', ['/usr/bin/evil', echo.entry, '--dir', '/tmp/plugins'])).toBeUndefined();
    expect(
      sampleLaunch('demo/echo', [process.execPath, echo.entry, '--dir', '/tmp/plugins', '--extra']),
    ).toBeUndefined();
    expect(sampleLaunch('demo/echo', null)).toBeUndefined();
  });
});
