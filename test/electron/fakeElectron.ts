/**
 * A stand-in for the `electron` module (no Electron binary exists on these machines): just
 * enough of app, BrowserWindow, ipcMain/ipcRenderer, protocol, Menu, nativeTheme, shell, dialog,
 * session and contextBridge for the glue to run, recording what it was asked to do. Tests use it
 * through `vi.mock('electron', () => import('./fakeElectron.js'))` and call `resetFakeElectron()`.
 *
 * ipcRenderer.invoke reaches ipcMain's handler the way Electron does, with an event whose
 * sender frame the test chooses (`fake.senderFrame`). A window's web contents is a record, or,
 * with `BrowserWindow.backWith` set (chromiumWindow.ts), a real Chromium page.
 */
import { EventEmitter } from 'node:events';
import type { CustomScheme, MenuItemConstructorOptions } from 'electron';

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** What the fakes recorded and what the test controls. */
export const fake = {
  singleInstanceLock: true,
  /** What this launch handed to requestSingleInstanceLock (for the first instance). */
  lockData: undefined as unknown,
  ready: false,
  applicationMenu: null as FakeMenu | null,
  userData: '',
  senderFrame: null as FakeFrame | null,
  exposed: new Map<string, unknown>(),
  openedExternally: [] as string[],
  revealed: [] as string[],
  /** Paths given to shell.openPath, and what the next call answers ('' is success, as in Electron). */
  openedPaths: [] as string[],
  nextOpenPathError: '',
  quitCalls: 0,
  /** Set when a quit was not prevented by any 'before-quit' listener: the app really ended. */
  quitCompleted: false,
  exitCodes: [] as number[],
  sandboxEnabled: false,
  lockRequested: false,
  nextFolderPick: { canceled: true, filePaths: [] as string[] },
  /** What the next save dialog answers, and the options each one was shown with. */
  nextSavePick: { canceled: true, filePath: undefined as string | undefined },
  saveDialogs: [] as Array<{ title?: string; defaultPath?: string }>,
  /** Message boxes shown, and the button index the next one answers (0: the first, Cancel). */
  messageBoxes: [] as Array<{ message?: string; detail?: string; buttons?: string[] }>,
  nextMessageBoxResponse: 0,
  errorBoxes: [] as Array<{ title: string; content: string }>,
};

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  enableSandbox(): void {
    fake.sandboxEnabled = true;
  }
  requestSingleInstanceLock(additionalData?: unknown): boolean {
    fake.lockRequested = true;
    fake.lockData = additionalData;
    return fake.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    fake.ready = true;
    return Promise.resolve();
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app.getPath: no ${name}`);
    return fake.userData;
  }
  quit(): void {
    fake.quitCalls += 1;
    // Like Electron: quitting first asks 'before-quit' listeners, which may prevent it.
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) fake.quitCompleted = true;
  }
  exit(code = 0): void {
    fake.exitCodes.push(code);
  }
}

/** What shows a window's page when it is more than a record: see chromiumWindow.ts. */
export interface WindowBacking {
  load(url: string): Promise<void>;
  url(): string;
  send(channel: string, args: unknown[]): void;
}

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  backing: WindowBacking | null = null;
  sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  getURL(): string {
    return this.backing ? this.backing.url() : this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    this.backing?.send(channel, args);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  /** Set by a test that wants real pages behind its windows. */
  static backWith: ((window: BrowserWindow) => WindowBacking) | null = null;
  readonly webContents = new FakeWebContents();
  shown = false;
  focused = false;
  minimized = false;
  backgroundColor: string;
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.backgroundColor = String(options['backgroundColor'] ?? '#FFFFFF');
    BrowserWindow.instances.push(this);
    this.webContents.backing = BrowserWindow.backWith?.(this) ?? null;
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    return this.webContents.backing ? this.webContents.backing.load(url) : Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.webContents.destroyed;
  }
  setBackgroundColor(colour: string): void {
    this.backgroundColor = colour;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

class FakeIpcRenderer extends EventEmitter {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // Requests cross a structured clone in Electron: a copy, never the renderer's object.
    return handler({ senderFrame: fake.senderFrame, sender: null }, ...structuredClone(args));
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  grant: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
type PermissionCheckHandler = (
  contents: FakeWebContents | null,
  permission: string,
  origin: string,
  details: { requestingUrl?: string; isMainFrame: boolean },
) => boolean;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  respond: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
) => void;

class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  headersListener: HeadersListener | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
}

type SchemeHandler = (request: Request) => Response | Promise<Response>;

/** Like Electron: privileges only before ready, handlers only after, one handler per scheme. */
class FakeProtocol {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, SchemeHandler>();
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (fake.ready)
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: SchemeHandler): void {
    if (!fake.ready) throw new Error('protocol.handle needs the app to be ready');
    if (this.handlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
    this.handlers.set(scheme, handler);
  }
}

export interface FakeMenu {
  template: MenuItemConstructorOptions[];
}

export const Menu = {
  buildFromTemplate(template: MenuItemConstructorOptions[]): FakeMenu {
    return { template };
  },
  setApplicationMenu(menu: FakeMenu | null): void {
    fake.applicationMenu = menu;
  },
};

class FakeNativeTheme extends EventEmitter {
  /** What the OS asks for; the test sets it. */
  systemDark = false;
  themeSource: 'system' | 'light' | 'dark' = 'system';
  get shouldUseDarkColors(): boolean {
    return this.themeSource === 'system' ? this.systemDark : this.themeSource === 'dark';
  }
}

export const app = new FakeApp();
export const protocol = new FakeProtocol();
export const nativeTheme = new FakeNativeTheme();
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const session = { defaultSession: new FakeSession() };

export const shell = {
  openExternal(url: string): Promise<void> {
    fake.openedExternally.push(url);
    return Promise.resolve();
  },
  showItemInFolder(path: string): void {
    fake.revealed.push(path);
  },
  openPath(path: string): Promise<string> {
    fake.openedPaths.push(path);
    return Promise.resolve(fake.nextOpenPathError);
  },
};

export const dialog = {
  showOpenDialog(): Promise<{ canceled: boolean; filePaths: string[] }> {
    return Promise.resolve(fake.nextFolderPick);
  },
  showSaveDialog(
    ...args: [unknown, { title?: string; defaultPath?: string }] | [{ title?: string; defaultPath?: string }]
  ): Promise<{ canceled: boolean; filePath: string | undefined }> {
    fake.saveDialogs.push(args[args.length - 1] as (typeof fake.saveDialogs)[number]);
    return Promise.resolve(fake.nextSavePick);
  },
  showMessageBox(
    ...args: [unknown, { message?: string; detail?: string; buttons?: string[] }] | [{ message?: string }]
  ): Promise<{ response: number; checkboxChecked: boolean }> {
    fake.messageBoxes.push(args[args.length - 1] as (typeof fake.messageBoxes)[number]);
    return Promise.resolve({ response: fake.nextMessageBoxResponse, checkboxChecked: false });
  },
  showErrorBox(title: string, content: string): void {
    fake.errorBoxes.push({ title, content });
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    if (fake.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    fake.exposed.set(key, api);
  },
};

export function resetFakeElectron(): void {
  Object.assign(fake, {
    singleInstanceLock: true,
    lockData: undefined,
    ready: false,
    applicationMenu: null,
    userData: '',
    senderFrame: null,
    exposed: new Map(),
    openedExternally: [],
    revealed: [],
    openedPaths: [],
    nextOpenPathError: '',
    quitCalls: 0,
    quitCompleted: false,
    exitCodes: [],
    sandboxEnabled: false,
    lockRequested: false,
    nextFolderPick: { canceled: true, filePaths: [] },
    nextSavePick: { canceled: true, filePath: undefined },
    saveDialogs: [],
    messageBoxes: [],
    nextMessageBoxResponse: 0,
    errorBoxes: [],
  });
  app.removeAllListeners();
  app.isPackaged = false;
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  session.defaultSession = new FakeSession();
  BrowserWindow.instances = [];
  BrowserWindow.backWith = null;
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  nativeTheme.removeAllListeners();
  nativeTheme.systemDark = false;
  nativeTheme.themeSource = 'system';
}
