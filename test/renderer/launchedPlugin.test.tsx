// @vitest-environment jsdom
/**
 * A plugin launched from its manifest, in the list and the detail pane, against the real Studio
 * service and real plugin processes: listed as Stopped, its switch launches it (pid, uptime on the
 * row; process and manifest facts in Overview) and stops it; a crash loop ends as Fatal, a red
 * badge with Restart beside it, and Restart brings the fixed plugin back.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DetailPane } from '../../src/renderer/components/DetailPane.js';
import { PluginList } from '../../src/renderer/components/PluginList.js';
import { openServiceStudio, type LauncherOptions, type ServiceStudio } from './helpers/serviceStudio.js';
import { giveElementsASize } from './helpers/jsdomLayout.js';
import { rowNamed } from '../helpers/rowName.js';

const ID = 'test/fixture';
const UNTIL = { timeout: 15_000 };

giveElementsASize({ height: 600, width: 800 });

let studio: ServiceStudio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
  cleanup();
});

const manifest = (s: ServiceStudio, env: Record<string, string> = {}) =>
  JSON.stringify({ name: 'fixture', namespace: 'test', command: 'node', args: [s.fixturePlugin], env, autoStart: false });

/** The list and the detail pane on the fixture plugin, once it is listed as Stopped. */
async function openWithManifest(launcher: LauncherOptions, env: Record<string, string> = {}): Promise<ServiceStudio> {
  const s = (studio = await openServiceStudio(launcher, { selection: { kind: 'plugin', id: ID } }));
  await s.trust((await s.api.saveManifest({ folder: s.pluginDir, text: manifest(s, env) })).path);
  s.render(
    <>
      <PluginList />
      <DetailPane />
    </>,
  );
  await waitFor(() => expect(s.store.getState().plugins[ID]?.state).toBe('stopped'), UNTIL);
  return s;
}

const row = () => screen.getByRole('row', { name: rowNamed(ID) });
const detail = () => screen.getByRole('region', { name: ID });
const card = (name: string) => within(detail()).getByRole('region', { name });
const toggle = () => screen.getByRole('switch', { name: `Toggle ${ID}` });

describe('a plugin known by its launch manifest', () => {
  it('is Stopped until its switch launches it, shows its process, and stops with the switch', async () => {
    const s = await openWithManifest({ orphanGuard: false });
    expect(within(row()).getByText('Stopped')).toBeTruthy();
    expect(toggle().getAttribute('aria-checked')).toBe('false');
    expect(card('Launch manifest').textContent).toContain(`${s.pluginDir}/testfixture.plugin.json`);
    expect(card('Launch manifest').textContent).toContain(`node ${s.fixturePlugin}`);
    expect(card('Process').textContent).toContain('not launched yet');

    fireEvent.click(toggle());
    await waitFor(() => expect(toggle().getAttribute('aria-checked')).toBe('true'), UNTIL);
    const pid = s.store.getState().plugins[ID]?.process?.pid;
    expect(pid).toBeGreaterThan(0);
    expect(within(row()).getByText(new RegExp(`^pid ${pid} · up \\d+ s`))).toBeTruthy();
    expect(card('Process').textContent).toContain('running');
    expect(card('Process').textContent).toContain(`PID${pid}`);

    fireEvent.click(toggle());
    await waitFor(() => expect(within(row()).getByText('Stopped')).toBeTruthy(), UNTIL);
    expect(toggle().getAttribute('aria-checked')).toBe('false');
    await waitFor(() => expect(card('Process').textContent).toMatch(/PID—.*Last exitcode 0/));
  });

  it('goes Fatal after crashing too often: a red badge with Restart beside it, and Restart brings it back once fixed', async () => {
    const launcher = { orphanGuard: false, backoff: { initialMs: 50 }, budget: { maxCrashes: 2 } };
    const s = await openWithManifest(launcher, { FIXTURE_EXIT_AFTER_MS: '100' });

    fireEvent.click(toggle());
    await waitFor(() => expect(within(row()).getByText('Fatal')).toBeTruthy(), UNTIL);
    const badge = within(row()).getByText('Fatal').closest('.badge') as HTMLElement;
    expect(badge.classList).toContain('badge-fatal');
    expect(badge.title).toMatch(/gave up restarting/);
    expect(within(detail()).getByText('Fatal')).toBeTruthy();
    expect(card('Process').textContent).toContain('Fatal: gave up restarting');

    // The user fixes the plugin, then asks for it again.
    const fixed = await s.api.saveManifest({ folder: s.pluginDir, text: manifest(s), replaces: `${s.pluginDir}/testfixture.plugin.json` });
    await waitFor(() => expect(s.store.getState().plugins[ID]?.manifest?.env).toEqual({}), UNTIL);
    // A changed command is approved again before it runs.
    await s.trust(fixed.path);
    fireEvent.click(within(row()).getByRole('button', { name: `Restart ${ID}` }));
    await waitFor(() => expect(toggle().getAttribute('aria-checked')).toBe('true'), UNTIL);
    expect(within(row()).queryByText('Fatal')).toBeNull();
    expect(within(row()).queryByRole('button', { name: `Restart ${ID}` })).toBeNull();
    expect(s.store.getState().plugins[ID]?.process).toMatchObject({ state: 'running', recentCrashes: 0 });
  });
});
