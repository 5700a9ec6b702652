/**
 * The Electron app's life: one instance, hardened before anything loads, the Studio service on
 * the user's data folder, one window, and the service closed before the app quits.
 */
import { app, BrowserWindow, dialog, session, shell, type OpenDialogOptions } from 'electron';
import { withDeadline } from '../core/withDeadline.js';
import { StudioService } from '../service/studioService.js';
import { confirmApproval } from './approvalDialog.js';
import { forwardEvents, registerIpcHandlers, type Log } from './ipc.js';
import { ensureDefaultPluginFolder } from './pluginFolder.js';
import { preloadPath, rendererLocation } from './policy.js';
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

/** Holds the first quit until the service has closed its connections, then quits for real. */
function closeBeforeQuit(service: StudioService): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    withDeadline(service.close(), CLOSE_DEADLINE_MS, 'Closing the Studio service')
      .catch((error: unknown) => log(`GoPlug Studio: ${String(error)}`))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}

export async function runStudio(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // the Studio is already open: the first instance gets 'second-instance' and comes forward
    return;
  }
  const mainDir = import.meta.dirname;
  const renderer = rendererLocation(process.env, app.isPackaged, mainDir);
  hardenApp(log);

  await app.whenReady();
  hardenSession(session.defaultSession, renderer);

  let window: BrowserWindow | undefined;
  const openWindow = (): BrowserWindow => {
    const created = createMainWindow(renderer, preloadPath(mainDir), log);
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
      confirmApproval: (request) => confirmApproval(window, request),
    },
  });
  registerIpcHandlers(service, renderer, log);
  forwardEvents(service, () => window?.webContents, renderer);
  closeBeforeQuit(service);

  app.on('second-instance', () => focusWindow(window ?? openWindow()));
  app.on('activate', () => {
    if (!window) openWindow(); // macOS: the dock icon reopens the window
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  openWindow();
}
