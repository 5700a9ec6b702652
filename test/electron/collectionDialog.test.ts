/**
 * A collection file outside the watched folders in the desktop app: the page asks over IPC, the
 * main process shows a native dialog, and only the file the person picked there becomes usable.
 * The whole main process on the fake electron module, with the real Studio service.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, fake, ipcRenderer, resetFakeElectron } from './fakeElectron.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { RENDERER_ENTRY_URL } from '../../src/main/rendererScheme.js';
import { runStudio } from '../../src/main/studioApp.js';
import { createBridge } from '../../src/preload/bridge.js';
import type { Collection, StudioBridge } from '../../src/shared/contract.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

vi.mock('electron', () => import('./fakeElectron.js'));

let folder: Awaited<ReturnType<typeof tempFolder>>;
let savedPluginDir: string | undefined;
let bridge: StudioBridge;

beforeEach(async () => {
  resetFakeElectron();
  folder = await tempFolder('gp-coll-');
  savedPluginDir = process.env.GOPLUG_PLUGIN_DIR;
  process.env.GOPLUG_PLUGIN_DIR = join(folder.path, 'plugins');
  fake.userData = join(folder.path, 'userData');
  fake.senderFrame = { url: RENDERER_ENTRY_URL, parent: null };
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
