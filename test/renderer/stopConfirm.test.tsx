// @vitest-environment jsdom
/**
 * Stopping a plugin started elsewhere, in the page, against the real Studio service and a real
 * sample process the test started by hand (issue 14 §1): the stop asks first in a dialog that
 * names what happens; Escape cancels and focus goes back; Stop ends the process and the plugin
 * stays listed as Stopped with its history; "remember its command" writes a manifest that waits
 * for approval; Stop all names the outside plugins it would end; Forget removes the row.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DetailPane } from '../../src/renderer/components/DetailPane.js';
import { PluginList } from '../../src/renderer/components/PluginList.js';
import { StopConfirmDialog } from '../../src/renderer/components/StopConfirmDialog.js';
import { Toolbar } from '../../src/renderer/components/Toolbar.js';
import { giveElementsASize } from './helpers/jsdomLayout.js';
import { openServiceStudio, type ServiceStudio } from './helpers/serviceStudio.js';

// Node helpers, loaded by path: the renderer's type-check (DOM only) must not follow them.
interface OutsideProcess {
  child: { pid?: number; kill(signal: string): boolean };
  exited: Promise<unknown>;
}
const PROCESS_HELPER = '../helpers/pluginProcess.js';
const BUILD_HELPER = '../helpers/buildOnce.js';
let spawnPlugin: (command: string, args: string[]) => Promise<OutsideProcess>;
let killAll: () => Promise<void>;
let build: { outDir: string; remove(): Promise<void> };
let nodePath: string;

const ID = 'demo/echo';
const UNTIL = { timeout: 15_000 };

giveElementsASize({ height: 600, width: 800 });

beforeAll(async () => {
  const processes = (await import(/* @vite-ignore */ PROCESS_HELPER)) as {
    startPluginProcess: typeof spawnPlugin;
    killAllPluginProcesses: typeof killAll;
  };
  spawnPlugin = processes.startPluginProcess;
  killAll = processes.killAllPluginProcesses;
  const builds = (await import(/* @vite-ignore */ BUILD_HELPER)) as {
    buildNode(needed: string[]): Promise<typeof build>;
  };
  build = await builds.buildNode(['demo/echo.js']);
  nodePath = (globalThis as unknown as { process: { execPath: string } }).process.execPath;
}, 120_000);
afterAll(() => build?.remove());

let studio: ServiceStudio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
  await killAll();
  cleanup();
});

async function openWithOutsideEcho(): Promise<{ s: ServiceStudio; proc: OutsideProcess }> {
  const s = (studio = await openServiceStudio(
    { orphanGuard: false },
    { selection: { kind: 'plugin', id: ID } },
  ));
  const proc = await spawnPlugin(nodePath, [`${build.outDir}/demo/echo.js`, '--dir', s.pluginDir]);
  s.render(
    <>
      <Toolbar />
      <PluginList />
      <DetailPane />
      <StopConfirmDialog />
    </>,
  );
  await waitFor(() => expect(s.store.getState().plugins[ID]?.origin?.pid).toBe(proc.child.pid), UNTIL);
  await waitFor(() => expect(s.store.getState().plugins[ID]?.state).toBe('started'), UNTIL);
  return { s, proc };
}

const toggle = () => screen.getByRole('switch', { name: `Toggle ${ID}` });
const dialog = () => screen.getByRole('dialog');
const card = (name: string) => within(screen.getByRole('region', { name: ID })).getByRole('region', { name });

describe('stopping a plugin started elsewhere', () => {
  it('asks first; Escape cancels it and focus goes back; Stop ends it and keeps it listed as Stopped', async () => {
    const { s, proc } = await openWithOutsideEcho();
    expect(card('How it runs').textContent).toContain(`started outside this Studio (pid ${proc.child.pid})`);
    expect(card('How it runs').textContent).toContain(`${build.outDir}/demo/echo.js --dir ${s.pluginDir}`);

    toggle().focus();
    fireEvent.click(toggle());
    await waitFor(() => expect(dialog()).toBeTruthy());
    expect(within(dialog()).getByRole('heading').textContent).toBe(`Stop ${ID}?`);
    expect(dialog().textContent).toContain('its process will exit');
    expect(dialog().textContent).toContain('The Studio cannot start it again');
    fireEvent(dialog(), new Event('cancel', { cancelable: true }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(toggle());
    expect(s.store.getState().plugins[ID]?.state).toBe('started');

    fireEvent.click(toggle());
    fireEvent.click(within(await waitFor(() => dialog())).getByRole('button', { name: 'Stop' }));
    await proc.exited;
    await waitFor(() => expect(s.store.getState().plugins[ID]?.confRemoved).toBe(true), UNTIL);
    const stopped = s.store.getState().plugins[ID]!;
    expect(stopped.state).toBe('stopped');
    expect(stopped.methods).toContain('Echo');
    expect(toggle().getAttribute('aria-checked')).toBe('false');
    expect(card('How it runs').textContent).toContain('start it there again, or remember its command');

    // Its switch explains why it cannot start it, on the row and in a toast.
    fireEvent.click(toggle());
    await waitFor(() => expect(s.store.getState().rowFailures[ID]?.code).toBe('CANNOT_START'), UNTIL);

    fireEvent.click(within(card('How it runs')).getByRole('button', { name: `Forget ${ID}` }));
    await waitFor(() => expect(s.store.getState().plugins[ID]).toBeUndefined(), UNTIL);
  });

  it('"remember its command, then stop" writes a launch manifest that waits for approval', async () => {
    const { s, proc } = await openWithOutsideEcho();
    fireEvent.click(toggle());
    fireEvent.click(
      within(await waitFor(() => dialog())).getByRole('button', { name: 'Remember its command, then stop' }),
    );
    await proc.exited;
    await waitFor(() => expect(s.store.getState().plugins[ID]?.waitingApproval).toBeDefined(), UNTIL);
    const plugin = s.store.getState().plugins[ID]!;
    expect(plugin.manifestPath).toBe(`${s.pluginDir}/demoecho.plugin.json`);
    expect(plugin.waitingApproval?.commandLine).toContain(
      `${build.outDir}/demo/echo.js --dir ${s.pluginDir}`,
    );
    await waitFor(() => expect(plugin.state).toBe('stopped'));
  });

  it('Stop all asks first and names the plugins started elsewhere', async () => {
    const { s } = await openWithOutsideEcho();
    fireEvent.click(screen.getByRole('button', { name: 'Stop all' }));
    const asked = await waitFor(() => dialog());
    expect(within(asked).getByRole('heading').textContent).toBe('Stop all started plugins (1)?');
    expect(within(asked).getByRole('listitem').textContent).toContain(
      `${ID} was started outside this Studio`,
    );
    act(() => fireEvent.click(within(asked).getByRole('button', { name: 'Cancel' })));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(s.store.getState().plugins[ID]?.state).toBe('started');
  });
});
