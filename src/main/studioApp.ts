/**
 * The Electron app's life: one instance, hardened before anything loads, the Studio service on
 * the user's data folder, one window on our own scheme, and the service closed before the app quits.
 */
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  nativeTheme,
  session,
  shell,
  type OpenDialogOptions,
} from 'electron';
import { Disposers } from '../core/disposers.js';
import { withDeadline } from '../core/withDeadline.js';
import type { EventBatch } from '../shared/contract.js';
import { StudioService } from '../service/studioService.js';
import { confirmApproval } from './approvalDialog.js';
import { pickCollectionFile } from './collectionDialog.js';
import { forwardEvents, registerIpcHandlers, type Log } from './ipc.js';
import { launchRequest, receivedLaunchRequest, type LaunchRequest } from './launchArgs.js';
import { applicationMenuTemplate } from './menu.js';
import { ensureDefaultPluginFolder } from './pluginFolder.js';
import { iconPath, preloadPath, rendererDir, rendererLocation } from './policy.js';
import { declareRendererScheme, serveRendererScheme } from './rendererProtocol.js';
import { hardenApp, hardenSession } from './security.js';
import { createMainWindow, focusWindow } from './window.js';

/** Quitting must not hang on a connection that will not close. */
const CLOSE_DEADLINE_MS = 5_000;

const log: Log = (message) => console.error(message);

async function pickFolder(parent: BrowserWindow | undefined): Promise<string | null> {
  const options = { properties: ['openDirectory', 'createDirectory'] } satisfies OpenDialogOptions;
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/**
 * Holds the first quit until the service has closed its connections, then ends what was
 * registered on it (`owned`) and quits for real.
 */
function closeBeforeQuit(service: StudioService, owned: Disposers): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    withDeadline(service.close(), CLOSE_DEADLINE_MS, 'Closing the Studio service')
      .catch((error: unknown) => log(`GoPlug Studio: ${String(error)}`))
      .finally(() => {
        owned.dispose();
        state = 'closed';
        app.quit();
      });
  });
}

/** `--dir` of a launch: the Studio's folders from now on, as `goplug serve --dir` saves them. */
async function watchLaunchFolders(service: StudioService, request: LaunchRequest): Promise<void> {
  if (request.folders === undefined) return;
  const changed = await service.call('updateSettings', { folders: request.folders });
  if (!changed.ok) {
    const message = `Could not watch ${request.folders.join(', ')}: ${changed.error.message}`;
    log(`GoPlug Studio: ${message}`);
    dialog.showErrorBox('GoPlug Studio: --dir', message);
  }
}

/** Native parts (menus, dialogs, the window's background) follow the user's theme setting. */
async function followThemeSetting(service: StudioService): Promise<void> {
  const settings = await service.call('getSettings', {});
  if (settings.ok) nativeTheme.themeSource = settings.value.theme;
  service.onEvents((batch: EventBatch) => {
    for (const event of batch) if (event.type === 'settings') nativeTheme.themeSource = event.settings.theme;
  });
}

export async function runStudio(): Promise<void> {
  const launch = launchRequest(process.argv, process.cwd());
  // A second launch hands its request to the first instance (Electron's additionalData).
  if (!app.requestSingleInstanceLock(launch)) {
    app.quit(); // the Studio is already open: the first instance gets 'second-instance' and comes forward
    return;
  }
  // Listening from the start: a second launch while the service starts is kept, then handled.
  const early: LaunchRequest[] = [];
  let onLaunch = (request: LaunchRequest): void => void early.push(request);
  app.on('second-instance', (_event, _argv, _cwd, data) => onLaunch(receivedLaunchRequest(data)));

  const mainDir = import.meta.dirname;
  const renderer = rendererLocation(process.env, app.isPackaged);
  if (renderer.ignored !== undefined) log(`GoPlug Studio: ${renderer.ignored}`);
  declareRendererScheme();
  hardenApp(renderer, log);

  await app.whenReady();
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, app.isPackaged)));
  hardenSession(session.defaultSession, renderer);
  if (!renderer.dev) await serveRendererScheme(rendererDir(mainDir));

  let window: BrowserWindow | undefined;
  const openWindow = (): BrowserWindow => {
    const look = { icon: iconPath(mainDir), isPackaged: app.isPackaged };
    const created = createMainWindow(renderer, preloadPath(mainDir), look, log);
    created.on('closed', () => {
      if (window === created) window = undefined;
    });
    window = created;
    return created;
  };

  const service = await StudioService.create({
    dataDir: app.getPath('userData'),
    defaultFolder: await ensureDefaultPluginFolder(process.env),
    platform: { kind: 'electron', canPickFolder: true, canReveal: true },
    platformHandlers: {
      pickFolder: () => pickFolder(window),
      reveal: async (path: string) => shell.showItemInFolder(path),
      // Only ever a .pconf the service checked: openPath on an executable would run it.
      openInEditor: async (path: string) => {
        const failure = await shell.openPath(path);
        if (failure !== '') throw new Error(`Could not open ${path} in your editor: ${failure}`);
      },
      confirmApproval: (request) => confirmApproval(window, request),
      pickCollectionFile: (purpose, name) => pickCollectionFile(window, purpose, name),
    },
  });
  await watchLaunchFolders(service, launch);
  await followThemeSetting(service);
  registerIpcHandlers(service, renderer, log);
  const owned = new Disposers();
  owned.add(forwardEvents(service, () => window?.webContents, renderer));
  closeBeforeQuit(service, owned);

  app.on('activate', () => {
    if (!window) openWindow(); // macOS: the dock icon reopens the window
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  openWindow();
  onLaunch = (request) => {
    focusWindow(window ?? openWindow());
    void watchLaunchFolders(service, request);
  };
  for (const request of early.splice(0)) onLaunch(request);
}
