/**
 * Approval in the desktop app (issue 13 §2): the page asks over IPC, the main process shows a
 * native dialog with the exact command line, and only the person's click on "Approve and run"
 * approves it; then the plugin launches. Likewise a collection file outside the watched folders
 * (issue 15 §3): only the one the person picked in a native file dialog becomes usable. The whole main process on the fake electron module,
 * with the real Studio service and a real plugin process.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, fake, ipcRenderer, resetFakeElectron } from './fakeElectron.js';
import { formatManifest } from '../../src/core/launcher/index.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { RENDERER_ENTRY_URL } from '../../src/main/rendererScheme.js';
import { runStudio } from '../../src/main/studioApp.js';
import { createBridge } from '../../src/preload/bridge.js';
import type { Collection, PluginSnapshot, StudioBridge } from '../../src/shared/contract.js';
import { fixtureManifest } from '../helpers/fixturePlugin.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

vi.mock('electron', () => import('./fakeElectron.js'));

const pageUrl = RENDERER_ENTRY_URL;

let folder: Awaited<ReturnType<typeof tempFolder>>;
let pluginFolder: string;
let savedPluginDir: string | undefined;
let bridge: StudioBridge;

beforeEach(async () => {
  resetFakeElectron();
  folder = await tempFolder('gp-approve-');
  pluginFolder = join(folder.path, 'plugins');
  savedPluginDir = process.env.GOPLUG_PLUGIN_DIR;
  process.env.GOPLUG_PLUGIN_DIR = pluginFolder;
  fake.userData = join(folder.path, 'userData');
  fake.senderFrame = { url: pageUrl, parent: null };
  bridge = createBridge(ipcRenderer);
  await withDeadline(runStudio(), 10_000, 'runStudio');
});

afterEach(async () => {
  app.quit();
  await waitUntil(() => fake.quitCompleted, 'the app to quit', 10_000);
  if (savedPluginDir === undefined) delete process.env.GOPLUG_PLUGIN_DIR;
  else process.env.GOPLUG_PLUGIN_DIR = savedPluginDir;
  await folder.remove();
});

async function plugin(id: string): Promise<PluginSnapshot | undefined> {
  const snapshot = await bridge.getSnapshot({});
  return snapshot.ok ? snapshot.value.plugins.find((p) => p.id === id) : undefined;
}

/** Polls the snapshot until the plugin is there and `ready` holds; fails after 15 s. */
async function waitForPlugin(
  id: string,
  ready: (p: PluginSnapshot) => boolean,
  what: string,
): Promise<PluginSnapshot> {
  const until = Date.now() + 15_000;
  for (;;) {
    const found = await plugin(id);
    if (found !== undefined && ready(found)) return found;
    if (Date.now() > until) throw new Error(`${id}: ${what}: not the case within 15 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('approving a launch command in the desktop app', () => {
  it('asks in a native dialog with the command line; Cancel leaves it waiting, Approve launches it', async () => {
    const path = join(pluginFolder, 'testfixture.plugin.json');
    await writeFile(path, formatManifest(fixtureManifest({ autoStart: true })), { mode: 0o600 });
    const waiting = await waitForPlugin('test/fixture', (p) => p.waitingApproval !== undefined, 'waiting');
    const commandLine = waiting.waitingApproval!.commandLine;
    expect(commandLine).toContain(process.execPath);
    expect(waiting).toMatchObject({ state: 'stopped' });
    expect(waiting.process).toBeUndefined();

    // The page cannot start it around the approval.
    expect(await bridge.startPlugin({ id: 'test/fixture' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_APPROVED' },
    });

    fake.nextMessageBoxResponse = 0;
    expect(await bridge.approveManifest({ path })).toEqual({
      ok: true,
      value: { approved: false, commandLine, codeSent: false },
    });
    expect(fake.messageBoxes).toHaveLength(1);
    expect(fake.messageBoxes[0]!.detail).toContain(commandLine);
    expect(fake.messageBoxes[0]!.buttons).toEqual(['Cancel', 'Approve and run']);
    expect((await plugin('test/fixture'))?.waitingApproval).toBeDefined();

    fake.nextMessageBoxResponse = 1;
    expect(await bridge.approveManifest({ path })).toMatchObject({ ok: true, value: { approved: true } });
    const started = await waitForPlugin(
      'test/fixture',
      (p) => p.state === 'started',
      'launched once approved',
    );
    expect(started.waitingApproval).toBeUndefined();
    expect(started.process).toMatchObject({ state: 'running' });
  });
});

const collection: Collection = { name: 'x', requests: [{ name: 'a', plugin: 'demo/echo', method: 'Echo' }] };

describe('a collection file picked in the desktop app', () => {
  it('can be saved where the person chose in the save dialog, and nowhere else', async () => {
    const chosen = join(folder.path, 'mine.collection.json');
    expect(await bridge.pickCollectionFile({ purpose: 'save', suggestedName: 'echo.collection.json' })).toEqual({
      ok: true,
      value: { path: null },
    });
    fake.nextSavePick = { canceled: false, filePath: chosen };
    expect(await bridge.pickCollectionFile({ purpose: 'save', suggestedName: 'echo.collection.json' })).toEqual({
      ok: true,
      value: { path: chosen },
    });
    expect(fake.saveDialogs.at(-1)).toMatchObject({ title: 'Save the collection', defaultPath: 'echo.collection.json' });
    expect(await bridge.saveCollection({ path: chosen, collection })).toEqual({ ok: true, value: { path: chosen } });
    expect(JSON.parse(await readFile(chosen, 'utf8'))).toEqual(collection);
    expect(
      await bridge.saveCollection({ path: join(folder.path, 'other.collection.json'), collection }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('can be opened from the open dialog and is listed as picked', async () => {
    const chosen = join(folder.path, 'opened.collection.json');
    fake.nextSavePick = { canceled: false, filePath: chosen };
    await bridge.pickCollectionFile({ purpose: 'save' });
    await bridge.saveCollection({ path: chosen, collection });
    fake.nextFolderPick = { canceled: false, filePaths: [chosen] };
    expect(await bridge.pickCollectionFile({ purpose: 'open' })).toEqual({ ok: true, value: { path: chosen } });
    const listed = await bridge.listCollections({});
    expect(listed.ok && listed.value).toEqual([
      { path: chosen, fileName: 'opened.collection.json', collection, problem: null, picked: true },
    ]);
  });
});
