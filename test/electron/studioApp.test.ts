/**
 * The whole Electron main process on the fake electron module: what a user would notice of it
 * (one instance, a hardened window on our page, a working API, folder picker and reveal, a clean
 * quit), with the real Studio service on temp folders.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  app,
  BrowserWindow,
  FakeEvent,
  fake,
  ipcMain,
  ipcRenderer,
  nativeTheme,
  protocol,
  resetFakeElectron,
} from './fakeElectron.js';
import { RENDERER_ENTRY_URL } from '../../src/main/rendererScheme.js';
import { runStudio } from '../../src/main/studioApp.js';
import { createBridge } from '../../src/preload/bridge.js';
import { channelNames, ipcChannel, type StudioBridge } from '../../src/shared/contract.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { tempFolder } from '../helpers/tempFolder.js';

vi.mock('electron', () => import('./fakeElectron.js'));

const srcMain = join(import.meta.dirname, '../../src/main');
const pageUrl = RENDERER_ENTRY_URL;
let savedArgv: string[];

let folder: Awaited<ReturnType<typeof tempFolder>>;
let pluginFolder: string;
let savedPluginDir: string | undefined;
let bridge: StudioBridge;

async function quitAndWait(): Promise<void> {
  app.quit();
  const until = Date.now() + 10_000;
  while (!fake.quitCompleted && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
}

beforeEach(async () => {
  resetFakeElectron();
  folder = await tempFolder('gp-app-');
  pluginFolder = join(folder.path, 'home', '.goplug', 'plugins');
  savedPluginDir = process.env.GOPLUG_PLUGIN_DIR;
  process.env.GOPLUG_PLUGIN_DIR = pluginFolder;
  fake.userData = join(folder.path, 'userData');
  fake.senderFrame = { url: pageUrl, parent: null };
  bridge = createBridge(ipcRenderer);
  savedArgv = process.argv;
  process.argv = [process.execPath, '.'];
});

afterEach(async () => {
  if (!fake.quitCompleted && fake.lockRequested && fake.singleInstanceLock) await quitAndWait();
  process.argv = savedArgv;
  if (savedPluginDir === undefined) delete process.env.GOPLUG_PLUGIN_DIR;
  else process.env.GOPLUG_PLUGIN_DIR = savedPluginDir;
  await folder.remove();
});

describe('starting', () => {
  it('asks for the single-instance lock and, without it, quits before opening anything', async () => {
    fake.singleInstanceLock = false;
    await withDeadline(runStudio(), 10_000, 'runStudio');
    expect(fake.lockRequested).toBe(true);
    expect(fake.quitCalls).toBe(1);
    expect(BrowserWindow.instances).toEqual([]);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('opens one hardened window on our page, shown once painted', async () => {
    await withDeadline(runStudio(), 10_000, 'runStudio');
    expect(fake.lockRequested).toBe(true);
    expect(fake.sandboxEnabled).toBe(true);
    expect(BrowserWindow.instances).toHaveLength(1);
    const window = BrowserWindow.instances[0]!;
    expect(window.options.webPreferences).toMatchObject({
      preload: join(srcMain, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(window.webContents.getURL()).toBe(pageUrl);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
    // The window's contents got the app-wide lockdown too.
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('creates the default plugin folder for the user alone and watches it', async () => {
    await withDeadline(runStudio(), 10_000, 'runStudio');
    expect((await stat(pluginFolder)).mode & 0o777).toBe(0o700);
    const snapshot = await bridge.getSnapshot({});
    expect(snapshot.ok && snapshot.value.settings.folders).toEqual([pluginFolder]);
    expect(snapshot.ok && snapshot.value.platform).toEqual({
      kind: 'electron',
      canPickFolder: true,
      canReveal: true,
      canOpenInEditor: true,
    });
  });

  it('serves every channel over IPC', async () => {
    await withDeadline(runStudio(), 10_000, 'runStudio');
    expect([...ipcMain.handlers.keys()].sort()).toEqual(channelNames.map(ipcChannel).sort());
  });
});

describe('platform features', () => {
  beforeEach(() => withDeadline(runStudio(), 10_000, 'runStudio'));

  it('picks a folder with the system dialog', async () => {
    expect(await bridge.pickFolder({})).toEqual({ ok: true, value: { path: null } });
    fake.nextFolderPick = { canceled: false, filePaths: ['/home/me/plugins'] };
    expect(await bridge.pickFolder({})).toEqual({ ok: true, value: { path: '/home/me/plugins' } });
  });

  it('reveals a file of the plugin folder in the file manager', async () => {
    const file = join(pluginFolder, 'TestDo.pconf');
    await writeFile(file, '{}');
    expect(await bridge.reveal({ path: file })).toEqual({ ok: true, value: undefined });
    expect(fake.revealed).toEqual([file]);
  });

  it('opens a .pconf of the plugin folder in the editor, and never another file', async () => {
    const file = join(pluginFolder, 'TestDo.pconf');
    await writeFile(file, '{}');
    expect(await bridge.openInEditor({ path: file })).toEqual({ ok: true, value: undefined });
    const script = join(pluginFolder, 'run.sh');
    await writeFile(script, '#!/bin/sh\n', { mode: 0o755 });
    const refused = await bridge.openInEditor({ path: script });
    expect(refused.ok || refused.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('run.sh') });
    fake.nextOpenPathError = 'Failed to open path';
    const failed = await bridge.openInEditor({ path: file });
    expect(failed.ok || failed.error.message).toBe(`Could not open ${file} in your editor: Failed to open path`);
    expect(fake.openedPaths).toEqual([file, file]);
  });

  it('brings the window forward when the Studio is launched again', () => {
    const window = BrowserWindow.instances[0]!;
    window.minimized = true;
    app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
    expect(BrowserWindow.instances).toHaveLength(1);
  });
});

describe('the page and its scheme', () => {
  it('declares our scheme privileged before the app is ready, and serves the page from it once ready', async () => {
    await withDeadline(runStudio(), 10_000, 'runStudio');
    expect(protocol.privileged).toEqual([
      {
        scheme: 'goplug-studio',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
    const handler = protocol.handlers.get('goplug-studio');
    const page = await handler!(new Request(pageUrl));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });

  it('sets our own menu: Edit kept, no Reload nor DevTools once packaged', async () => {
    app.isPackaged = true;
    await withDeadline(runStudio(), 10_000, 'runStudio');
    const roles = JSON.stringify(fake.applicationMenu?.template);
    expect(roles).toContain('"editMenu"');
    expect(roles).not.toMatch(/toggleDevTools|"reload"|forceReload/);
    expect(BrowserWindow.instances[0]!.options.webPreferences).toMatchObject({ devTools: false });
  });

  it('gives the window a dark background in the dark theme, and follows the theme setting', async () => {
    nativeTheme.systemDark = true;
    await withDeadline(runStudio(), 10_000, 'runStudio');
    const window = BrowserWindow.instances[0]!;
    expect(window.options).toMatchObject({
      backgroundColor: '#16191d',
      icon: join(srcMain, '../../resources/icon.png'),
    });
    await bridge.updateSettings({ theme: 'light' });
    await expect.poll(() => nativeTheme.themeSource).toBe('light');
    nativeTheme.emit('updated');
    expect(window.backgroundColor).toBe('#ffffff');
  });
});

describe('launch arguments', () => {
  it('watches the folders of `--dir` (npm start -- --dir X), relative to where it was launched', async () => {
    const other = join(folder.path, 'other');
    await mkdir(other);
    process.argv = [process.execPath, '.', '--no-sandbox', '--dir', 'other'];
    const cwd = process.cwd();
    process.chdir(folder.path);
    try {
      await withDeadline(runStudio(), 10_000, 'runStudio');
    } finally {
      process.chdir(cwd);
    }
    expect(fake.lockData).toEqual({ folders: [other] });
    const settings = await bridge.getSettings({});
    expect(settings.ok && settings.value.folders).toEqual([other]);
  });

  it("takes a second launch's folders, also when it comes while the service is starting", async () => {
    const second = join(folder.path, 'second');
    await mkdir(second);
    const starting = runStudio();
    // Before the service exists: the request is kept, not dropped.
    app.emit('second-instance', new FakeEvent(), ['ignored', '--dir'], '/', { folders: [second] });
    await withDeadline(starting, 10_000, 'runStudio');
    await expect
      .poll(async () => {
        const settings = await bridge.getSettings({});
        return settings.ok && settings.value.folders;
      })
      .toEqual([second]);
    expect(BrowserWindow.instances[0]!.focused).toBe(true);
    // Whatever else another process sends is not a request.
    app.emit('second-instance', new FakeEvent(), [], '/', { folders: ['relative/path'] });
    app.emit('second-instance', new FakeEvent(), [], '/', 'nonsense');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const settings = await bridge.getSettings({});
    expect(settings.ok && settings.value.folders).toEqual([second]);
  });
});

describe('quitting', () => {
  it('holds the quit until the service has closed, then quits', async () => {
    await withDeadline(runStudio(), 10_000, 'runStudio');
    app.quit();
    expect(fake.quitCompleted).toBe(false); // held: the service is closing
    await quitAndWait();
    expect(fake.quitCompleted).toBe(true);
    const late = await bridge.getSettings({});
    expect(late).toMatchObject({ ok: false, error: { message: expect.stringMatching(/shutting down/) } });
  });
});
