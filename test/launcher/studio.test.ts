/**
 * The Studio service with launched plugins: a manifest in the watched folder is listed, the switch
 * (startPlugin) launches it, its output is one channel away, a Fatal plugin is brought back with
 * restartPlugin, and manifests are edited through the API. Real service, real processes.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatManifest, type ManifestInput } from '../../src/core/launcher/index.js';
import type { StudioEvent } from '../../src/shared/contract.js';
import { fixtureManifest } from '../helpers/fixturePlugin.js';
import { isGone } from '../helpers/processState.js';
import { openStudio, value, type Studio } from '../helpers/studio.js';
import { waitUntil } from '../helpers/waitUntil.js';

const ID = 'test/fixture';

let studio: Studio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
});

async function openWithManifest(input: ManifestInput): Promise<Studio> {
  studio = await openStudio({ launcher: { orphanGuard: false, backoff: { initialMs: 50 } } });
  await writeFile(join(studio.pluginDir, 'testfixture.plugin.json'), formatManifest(input));
  await studio.waitFor(ID, 'stopped');
  await studio.trust(join(studio.pluginDir, 'testfixture.plugin.json'));
  return studio;
}

const events = (s: Studio, type: StudioEvent['type']) => s.events().filter((e) => e.type === type);

describe('launched plugins in the Studio', () => {
  it('lists a manifest as Stopped, launches it on startPlugin, streams and serves its logs', async () => {
    const s = await openWithManifest(
      fixtureManifest({ env: { FIXTURE_LINES: '3', FIXTURE_STDERR: 'warned' } }),
    );
    const listed = value(await s.service.call('getSnapshot', {})).plugins.find((p) => p.id === ID)!;
    expect(listed).toMatchObject({
      state: 'stopped',
      manifestPath: join(s.pluginDir, 'testfixture.plugin.json'),
    });

    const started = value(await s.service.call('startPlugin', { id: ID }));
    expect(started).toMatchObject({ state: 'started', process: { state: 'running' } });
    await waitUntil(
      () => events(s, 'log').some((e) => e.type === 'log' && e.lines.some((l) => l.text === 'warned')),
      'the log event',
    );

    const logs = value(await s.service.call('getLogs', { id: ID, stream: 'stdout' }));
    expect(logs).toMatchObject({
      launched: true,
      truncated: false,
      logPath: join(s.dataDir, 'logs', 'test%2Ffixture.log'),
    });
    expect(logs.lines.map((l) => l.text)).toEqual(['line 1', 'line 2', 'line 3']);
    const found = value(await s.service.call('getLogs', { id: ID, search: 'WARN' }));
    expect(found.lines.map((l) => [l.stream, l.text])).toEqual([['stderr', 'warned']]);
    const since = value(await s.service.call('getLogs', { id: ID, afterSeq: logs.nextSeq }));
    expect(since.lines.every((l) => l.seq >= logs.nextSeq)).toBe(true);

    value(await s.service.call('clearLogs', { id: ID }));
    expect(value(await s.service.call('getLogs', { id: ID })).lines).toEqual([]);
    expect(value(await s.service.call('getLogs', { id: 'nobody' }))).toMatchObject({
      launched: false,
      lines: [],
    });
    expect(await s.service.call('getLogs', { id: ID, stream: 'stdin' as 'stdout' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });

    const pid = started.process!.pid!;
    const stopped = value(await s.service.call('stopPlugin', { id: ID }));
    expect(stopped).toMatchObject({ state: 'stopped', process: { state: 'exited' } });
    expect(isGone(pid)).toBe(true);
  });

  it('shows a crash-looping plugin as Fatal, and restartPlugin brings it back', async () => {
    // Each run lives 1 s: startPlugin and restartPlugin activate it before it exits even on a
    // loaded machine (with 100 ms, activation sometimes met the exit).
    const s = await openWithManifest(fixtureManifest({ env: { FIXTURE_EXIT_AFTER_MS: '1000' } }));
    await s.restart({
      launcher: { orphanGuard: false, backoff: { initialMs: 50 }, budget: { maxCrashes: 2 } },
    });
    await s.waitFor(ID, 'stopped');
    value(await s.service.call('startPlugin', { id: ID }));
    await waitUntil(
      () => events(s, 'process').some((e) => e.type === 'process' && e.change === 'fatal'),
      'the fatal event',
      15_000,
    );
    const fatal = value(await s.service.call('getSnapshot', {})).plugins.find((p) => p.id === ID)!;
    expect(fatal).toMatchObject({ state: 'stopped', process: { state: 'fatal', recentCrashes: 2 } });
    const back = value(await s.service.call('restartPlugin', { id: ID }));
    expect(back).toMatchObject({ state: 'started', process: { state: 'running', recentCrashes: 0 } });
  });

  it('stops what it launched when it closes', async () => {
    const s = await openWithManifest(fixtureManifest());
    const { process: proc } = value(await s.service.call('startPlugin', { id: ID }));
    await s.service.close();
    expect(isGone(proc!.pid!)).toBe(true);
    expect(existsSync(join(s.pluginDir, 'testfixture.pconf'))).toBe(false);
  });
});

describe('manifest channels', () => {
  it('lists, saves (checked, renamed), and deletes manifests inside the watched folders only', async () => {
    studio = await openStudio({ launcher: { orphanGuard: false } });
    const s = studio;
    const bad = await s.service.call('saveManifest', {
      folder: s.pluginDir,
      text: '{"name":"x","command":"node","autostart":true}',
    });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'CONFIG_INVALID',
        message: 'launch manifest line 1, column 30: unknown field "autostart" (did you mean "autoStart"?)',
      },
    });
    expect(value(await s.service.call('listManifests', {}))).toEqual([]);

    const first = value(
      await s.service.call('saveManifest', { folder: s.pluginDir, text: formatManifest(fixtureManifest()) }),
    );
    expect(first.path).toBe(join(s.pluginDir, 'testfixture.plugin.json'));
    await s.waitFor(ID, 'stopped');
    const listed = value(await s.service.call('listManifests', {}));
    expect(listed).toEqual([
      expect.objectContaining({
        fileName: 'testfixture.plugin.json',
        id: ID,
        problem: null,
        text: formatManifest(fixtureManifest()),
      }),
    ]);

    const renamed = value(
      await s.service.call('saveManifest', {
        folder: s.pluginDir,
        text: formatManifest(fixtureManifest({ name: 'other' })),
        replaces: first.path,
      }),
    );
    expect(renamed.path).toBe(join(s.pluginDir, 'testother.plugin.json'));
    expect(existsSync(first.path)).toBe(false);
    // The plugin of the old file stays listed (Stopped, no files) until a person forgets it.
    await forgetOnceFilesGone(s, ID);
    await s.waitFor('test/other', 'stopped');

    await writeFile(join(s.pluginDir, 'broken.plugin.json'), '{"name": 1}');
    await waitUntil(() => events(s, 'problem').length > 0, 'the problem event');
    const withBroken = value(await s.service.call('listManifests', {}));
    expect(withBroken.find((m) => m.fileName === 'broken.plugin.json')).toMatchObject({
      id: null,
      text: '{"name": 1}',
      problem: { kind: 'invalid', reason: 'broken.plugin.json: name must be a string' },
    });

    expect(
      await s.service.call('saveManifest', { folder: '/tmp', text: formatManifest(fixtureManifest()) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await s.service.call('deleteManifest', { path: join(s.pluginDir, 'testother.pconf') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    value(await s.service.call('deleteManifest', { path: renamed.path }));
    await forgetOnceFilesGone(s, 'test/other');
  });
});

/** Forgets the plugin as soon as the registry saw its files go (FILES_PRESENT until then), and checks it is gone. */
async function forgetOnceFilesGone(s: Studio, id: string): Promise<void> {
  const giveUp = Date.now() + 10_000;
  for (;;) {
    const answer = await s.service.call('forgetPlugin', { id });
    if (answer.ok) break;
    expect(answer.error.code).toBe('FILES_PRESENT');
    if (Date.now() > giveUp) throw new Error(`${id} still has files after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await s.waitFor(id, undefined);
}
