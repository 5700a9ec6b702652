import { readdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStudio, value, type Studio } from '../helpers/studio.js';
import { waitUntil } from '../helpers/waitUntil.js';

let studio: Studio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
});

describe('StudioService: plugins', () => {
  it('lists a plugin in the snapshot with the settings, notices and platform', async () => {
    studio = await openStudio();
    await studio.plugin('echo').start();
    await studio.waitFor('test/echo', 'started');
    const snapshot = value(await studio.service.call('getSnapshot', {}));
    expect(snapshot.plugins.map((p) => [p.id, p.state, p.methods])).toEqual([
      ['test/echo', 'started', ['Echo', 'Fail']],
    ]);
    expect(snapshot.plugins[0]!.confPath).toBe(join(studio.pluginDir, 'testecho.pconf'));
    expect(snapshot.settings).toEqual({
      folders: [studio.pluginDir],
      confExtension: '.pconf',
      watchByPolling: false,
      autoDiscover: true,
      requestTimeoutMs: 30_000,
      maxResponseBytes: 64 * 1024 * 1024,
      theme: 'system',
      allowedSocketOwners: [],
    });
    expect(snapshot.notices).toEqual([]);
    expect(snapshot.platform).toEqual({ kind: 'web', canPickFolder: false, canReveal: false, canOpenInEditor: false });
  });

  it('starts and stops a plugin', async () => {
    studio = await openStudio();
    const plugin = studio.plugin('kv', { lazyLoad: true });
    await plugin.start();
    await studio.waitFor('test/kv', 'discovered');
    const started = value(await studio.service.call('startPlugin', { id: 'test/kv' }));
    expect(started.state).toBe('started');
    expect(started.methods).toEqual(['Echo', 'Fail']);
    const stopped = value(await studio.service.call('stopPlugin', { id: 'test/kv' }));
    expect(stopped.state).toBe('stopped');
    await plugin.stopped; // POST /Stop reached the plugin and it shut down
  });

  it('starts all and stops all, reporting each plugin', async () => {
    studio = await openStudio();
    await studio.plugin('a', { lazyLoad: true }).start();
    await studio.plugin('b', { lazyLoad: true }).start();
    await studio.waitFor('test/b', 'discovered');
    await studio.waitFor('test/a', 'discovered');
    expect(value(await studio.service.call('startAll', {}))).toEqual({
      results: [
        { id: 'test/a', ok: true },
        { id: 'test/b', ok: true },
      ],
    });
    expect(value(await studio.service.call('stopAll', {})).results.map((r) => r.ok)).toEqual([true, true]);
  });

  it('answers a typed error for a plugin that is not there', async () => {
    studio = await openStudio();
    const started = await studio.service.call('startPlugin', { id: 'test/nobody' });
    expect(started).toMatchObject({ ok: false, error: { code: 'NOT_DISCOVERED' } });
    expect(started.ok || started.error.message).toContain('test/nobody');
    expect(started.ok || started.error.hint).not.toBe('');
    const executed = await studio.service.call('execute', { id: 'test/nobody', method: 'Echo', body: '' });
    expect(executed).toMatchObject({ ok: false, error: { code: 'NOT_DISCOVERED' } });
    expect(await studio.service.call('ping', { id: 'test/nobody' })).toMatchObject({
      ok: true,
      value: { ok: false, error: { code: 'NOT_DISCOVERED' } },
    });
  });

  it('refuses a bad request naming the field and the problem, and an unknown channel', async () => {
    studio = await openStudio();
    const bad = await studio.service.invoke('execute', { id: 'test/echo', method: '', body: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(bad.ok || bad.error.message).toMatch(/^Invalid execute request: method: Too small/);
    const extra = await studio.service.invoke('startPlugin', { id: 'x', force: true });
    expect(extra.ok || extra.error.message).toContain('Unrecognized key: "force"');
    const wrongType = await studio.service.invoke('setAutoDiscover', { enabled: 'yes' });
    expect(wrongType.ok || wrongType.error.message).toMatch(/enabled: .*expected boolean/);
    expect(await studio.service.invoke('dropDatabase', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await studio.service.invoke('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    // Channels without fields may be called with no request at all.
    expect(await studio.service.invoke('getSettings', undefined)).toMatchObject({ ok: true });
  });
});

describe('StudioService: console', () => {
  it('executes a method: body, headers, duration and the exact curl command', async () => {
    studio = await openStudio();
    await studio.plugin('echo').start();
    await studio.waitFor('test/echo', 'started');
    const result = value(
      await studio.service.call('execute', { id: 'test/echo', method: 'Echo', body: `{"say":"it's"}` }),
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.status).toBe(200);
    expect(Buffer.from(result.body.base64, 'base64').toString()).toBe(`{"say":"it's"}`);
    expect(result.body.size).toBe(14);
    expect(result.headers['content-length']).toBe('14');
    expect(result.durationMs).toBeGreaterThan(0);
    expect(result.curl).toBe(
      `curl --unix-socket ${studio.pluginDir}/testecho.sock -X POST http://testecho/Echo ` +
        `-H 'Content-Type: application/json' --data-binary '{"say":"it'\\''s"}'`,
    );
  });

  it('sends base64 bodies as bytes', async () => {
    studio = await openStudio();
    await studio.plugin('echo').start();
    await studio.waitFor('test/echo', 'started');
    const result = value(
      await studio.service.call('execute', {
        id: 'test/echo',
        method: 'Echo',
        body: 'AAEC/w==',
        bodyEncoding: 'base64',
      }),
    );
    expect(result).toMatchObject({ ok: true, body: { base64: 'AAEC/w==', size: 4 } });
    const bad = await studio.service.call('execute', {
      id: 'test/echo',
      method: 'Echo',
      body: 'not base64!',
      bodyEncoding: 'base64',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('puts call failures in the result with their code, duration and curl', async () => {
    studio = await openStudio();
    await studio.plugin('echo').start();
    await studio.waitFor('test/echo', 'started');
    const missing = value(
      await studio.service.call('execute', { id: 'test/echo', method: 'Nope', body: '' }),
    );
    expect(missing).toMatchObject({ ok: false, error: { code: 'METHOD_NOT_FOUND' } });
    expect(missing.curl).toBe(
      `curl --unix-socket ${studio.pluginDir}/testecho.sock -X POST http://testecho/Nope`,
    );
    const failing = value(
      await studio.service.call('execute', { id: 'test/echo', method: 'Fail', body: '' }),
    );
    expect(failing).toMatchObject({ ok: true, status: 500 });
  });

  it('keeps per-plugin history, newest first, across a restart', async () => {
    studio = await openStudio();
    await studio.plugin('echo').start();
    await studio.waitFor('test/echo', 'started');
    await studio.service.call('execute', { id: 'test/echo', method: 'Echo', body: 'one' });
    await studio.service.call('execute', {
      id: 'test/echo',
      method: 'Nope',
      body: 'AAE=',
      bodyEncoding: 'base64',
    });
    const service = await studio.restart();
    const history = value(await service.call('getHistory', { id: 'test/echo' }));
    expect(history.map((h) => [h.method, h.body, h.bodyEncoding, h.status, h.errorCode])).toEqual([
      ['Nope', 'AAE=', 'base64', null, 'METHOD_NOT_FOUND'],
      ['Echo', 'one', 'utf8', 200, null],
    ]);
    expect(history[0]!.id).not.toBe(history[1]!.id);
    value(await service.call('clearHistory', { id: 'test/echo' }));
    expect(value(await service.call('getHistory', { id: 'test/echo' }))).toEqual([]);
    const again = await studio.restart();
    expect(value(await again.call('getHistory', { id: 'test/echo' }))).toEqual([]);
  });

  it('delivers every notification of a subscription, tagged and base64, then ends it when the plugin stops', async () => {
    studio = await openStudio();
    const plugin = studio.plugin('clock');
    await plugin.start();
    await studio.waitFor('test/clock', 'started');
    const { subscriptionId } = value(
      await studio.service.call('subscribe', { id: 'test/clock', callback: 'tick' }),
    );
    for (let i = 0; i < 50; i++) plugin.notify('tick', { n: i });
    const notifications = () => studio!.events().filter((e) => e.type === 'notification');
    await waitUntil(() => notifications().length === 50, 'all 50 notifications', 10_000);
    expect(
      notifications().map(
        (e) =>
          e.type === 'notification' && [
            e.subscriptionId,
            e.callback,
            Buffer.from(e.body.base64, 'base64').toString(),
          ],
      ),
    ).toEqual(Array.from({ length: 50 }, (_, i) => [subscriptionId, 'tick', `{"n":${i}}`]));
    value(await studio.service.call('stopPlugin', { id: 'test/clock' }));
    await waitUntil(
      () =>
        studio!.events().some((e) => e.type === 'subscription-ended' && e.subscriptionId === subscriptionId),
      'the subscription to end',
      10_000,
    );
    // Unsubscribing something already ended is harmless.
    expect(await studio.service.call('unsubscribe', { subscriptionId })).toEqual({
      ok: true,
      value: undefined,
    });
  });
});

describe('StudioService: settings and files', () => {
  it('sets a corrupt settings.json aside, says so, and starts with defaults', async () => {
    studio = await openStudio();
    await writeFile(join(studio.dataDir, 'settings.json'), '{"folders": ["/x"], oops');
    const service = await studio.restart();
    const snapshot = value(await service.call('getSnapshot', {}));
    expect(snapshot.notices).toHaveLength(1);
    expect(snapshot.notices[0]).toMatch(
      /^settings\.json was unusable \(not valid JSON: .*\); kept it as .*settings\.json\.corrupt-.* and started from defaults\.$/,
    );
    expect(snapshot.settings.folders).toEqual([studio.pluginDir]);
    const files = await readdir(studio.dataDir);
    const aside = files.find((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(studio.dataDir, aside!), 'utf8')).toBe('{"folders": ["/x"], oops');
  });

  it('treats a settings file with wrong values as corrupt too, naming the field', async () => {
    studio = await openStudio();
    await writeFile(join(studio.dataDir, 'settings.json'), JSON.stringify({ requestTimeoutMs: -5 }));
    const snapshot = value(await (await studio.restart()).call('getSnapshot', {}));
    expect(snapshot.notices[0]).toContain('requestTimeoutMs: Too small');
    expect(snapshot.settings.requestTimeoutMs).toBe(30_000);
  });

  it('sets a corrupt history.json aside and starts with an empty history', async () => {
    studio = await openStudio();
    await writeFile(join(studio.dataDir, 'history.json'), '{"version": 1, "plugins": {"a": [{"id": 3}]}}');
    const service = await studio.restart();
    const snapshot = value(await service.call('getSnapshot', {}));
    expect(snapshot.notices[0]).toMatch(/^history\.json was unusable/);
    expect(value(await service.call('getHistory', { id: 'a' }))).toEqual([]);
    expect((await readdir(studio.dataDir)).some((f) => f.startsWith('history.json.corrupt-'))).toBe(true);
  });

  it('saves settings, tells the window, and reopens the registry when the folders change', async () => {
    studio = await openStudio();
    await studio.plugin('echo').start();
    await studio.waitFor('test/echo', 'started');
    const other = join(studio.dataDir, 'more-plugins');
    await studio.plugin('other', { folder: other }).start();

    const settings = value(await studio.service.call('updateSettings', { folders: [other], theme: 'dark' }));
    expect(settings).toMatchObject({ folders: [other], theme: 'dark' });
    await studio.waitFor('test/other', 'started');
    await studio.waitFor('test/echo', undefined);
    await waitUntil(
      () => studio!.events().some((e) => e.type === 'removed' && e.plugin.id === 'test/echo'),
      'echo removed event',
      10_000,
    );
    const events = studio.events();
    expect(events.some((e) => e.type === 'settings' && e.settings.theme === 'dark')).toBe(true);
    expect(events.some((e) => e.type === 'notice' && e.message.includes('folders changed'))).toBe(true);
    const saved = JSON.parse(await readFile(join(studio.dataDir, 'settings.json'), 'utf8'));
    expect(saved).toMatchObject({ folders: [other], theme: 'dark' });
    // Persisted: a new service starts with them.
    const again = await studio.restart();
    expect(value(await again.call('getSettings', {})).folders).toEqual([other]);
  });

  it('"Watch by polling": saved, the plugin list reloaded, and plugins that start later are still found', async () => {
    studio = await openStudio();
    await studio.plugin('echo').start();
    await studio.waitFor('test/echo', 'started');
    expect(value(await studio.service.call('updateSettings', { watchByPolling: true })).watchByPolling).toBe(
      true,
    );
    await waitUntil(
      () => studio!.events().some((e) => e.type === 'notice' && e.message.includes('watchByPolling changed')),
      'the reload notice',
      10_000,
    );
    await studio.plugin('late').start();
    await studio.waitFor('test/late', 'started');
    const again = await studio.restart();
    expect(value(await again.call('getSettings', {})).watchByPolling).toBe(true);
  });

  it('stores folders as absolute paths, once each, with ~ as the home folder', async () => {
    studio = await openStudio();
    const settings = value(
      await studio.service.call('updateSettings', {
        folders: ['~/gp-plugins', studio.pluginDir, `${studio.pluginDir}/`],
      }),
    );
    expect(settings.folders).toEqual([join(homedir(), 'gp-plugins'), studio.pluginDir]);
  });

  it('persists auto-discovery set from the toolbar', async () => {
    studio = await openStudio();
    value(await studio.service.call('setAutoDiscover', { enabled: false }));
    expect(value(await studio.service.call('getSettings', {})).autoDiscover).toBe(false);
    await studio.plugin('late').start();
    // Not watched any more, but an explicit start still finds it by id.
    expect(value(await studio.service.call('startPlugin', { id: 'test/late' })).state).toBe('started');
  });

  it('inspects a plugin’s .pconf, and refuses files outside the watched folders', async () => {
    studio = await openStudio();
    await studio.plugin('echo').start();
    await studio.waitFor('test/echo', 'started');
    const path = join(studio.pluginDir, 'testecho.pconf');
    const inspection = value(await studio.service.call('inspect', { path }));
    expect(inspection).toMatchObject({
      path,
      fileName: 'testecho.pconf',
      result: { ok: true },
      socket: { reachable: true },
    });
    for (const outside of ['/etc/passwd', join(studio.pluginDir, '..', 'x.pconf')]) {
      expect(await studio.service.call('inspect', { path: outside })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await studio.service.call('inspect', { path: 'relative.pconf' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
  });

  it('answers UNSUPPORTED with a hint for platform actions it has no handler for, and uses the handlers it has', async () => {
    studio = await openStudio();
    const pick = await studio.service.call('pickFolder', {});
    expect(pick).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(pick.ok || pick.error.hint).toMatch(/type the folder path/);
    const revealed: string[] = [];
    const service = await studio.restart({
      platform: { kind: 'electron', canPickFolder: true, canReveal: true },
      platformHandlers: { pickFolder: async () => '/picked', reveal: async (p) => void revealed.push(p) },
    });
    expect(value(await service.call('pickFolder', {}))).toEqual({ path: '/picked' });
    const conf = join(studio.pluginDir, 'testx.pconf');
    await writeFile(conf, '{"Name":"x","NameSpace":"test"}');
    value(await service.call('reveal', { path: conf }));
    expect(revealed).toEqual([conf]);
    // Only our own files: not the folder itself, nothing outside it.
    for (const path of [studio.pluginDir, '/etc']) {
      expect(await service.call('reveal', { path })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(value(await service.call('getSnapshot', {})).platform).toEqual({
      kind: 'electron',
      canPickFolder: true,
      canReveal: true,
      canOpenInEditor: false,
    });
  });
});

describe('StudioService: events', () => {
  it('batches many changes into few batches, one state per plugin per batch, newest last', async () => {
    studio = await openStudio({ eventBatchMs: 200 });
    const ids = Array.from({ length: 20 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map((name) => studio!.plugin(name, { lazyLoad: true }).start()));
    for (const name of ids) await studio.waitFor(`test/${name}`, 'discovered');
    value(await studio.service.call('startAll', {}));
    await waitUntil(
      () => ids.every((name) => lastState(studio!, `test/${name}`) === 'started'),
      'every plugin’s last event to say started',
      10_000,
    );
    const stateEvents = studio.events().filter((e) => 'plugin' in e);
    // 20 discovered + 20 starting + 20 started happened; far fewer batches carried them.
    expect(studio.batches.length).toBeLessThan(stateEvents.length);
    for (const batch of studio.batches) {
      const idsInBatch = batch.flatMap((e) => ('plugin' in e ? [e.plugin.id] : []));
      expect(new Set(idsInBatch).size).toBe(idsInBatch.length);
    }
  });
});

function lastState(studio: Studio, id: string): string | undefined {
  const events = studio.events().filter((e) => 'plugin' in e && e.plugin.id === id);
  const last = events[events.length - 1];
  return last !== undefined && 'plugin' in last ? last.plugin.state : undefined;
}
