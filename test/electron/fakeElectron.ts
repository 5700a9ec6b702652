/**
 * A stand-in for the `electron` module (no Electron binary exists on these machines): just
 * enough of app, BrowserWindow, ipcMain/ipcRenderer, shell, dialog, session and contextBridge
 * for the glue to run, recording what it was asked to do. Tests use it through
 * `vi.mock('electron', () => import('./fakeElectron.js'))` and call `resetFakeElectron()`.
 *
 * ipcRenderer.invoke reaches ipcMain's handler the way Electron does, with an event whose
 * sender frame the test chooses (`fake.senderFrame`).
 */
import { EventEmitter } from 'node:events';

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** What the fakes recorded and what the test controls. */
export const fake = {
  singleInstanceLock: true,
  userData: '',
  senderFrame: null as FakeFrame | null,
  exposed: new Map<string, unknown>(),
  openedExternally: [] as string[],
  revealed: [] as string[],
  quitCalls: 0,
  /** Set when a quit was not prevented by any 'before-quit' listener: the app really ended. */
  quitCompleted: false,
  exitCodes: [] as number[],
  sandboxEnabled: false,
  lockRequested: false,
  nextFolderPick: { canceled: true, filePaths: [] as string[] },
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
  requestSingleInstanceLock(): boolean {
    fake.lockRequested = true;
    return fake.singleInstanceLock;
  }
  whenReady(): Promise<void> {
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

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  shown = false;
  focused = false;
  minimized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    return Promise.resolve();
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

export const app = new FakeApp();
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
};

export const dialog = {
  showOpenDialog(): Promise<{ canceled: boolean; filePaths: string[] }> {
    return Promise.resolve(fake.nextFolderPick);
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
    userData: '',
    senderFrame: null,
    exposed: new Map(),
    openedExternally: [],
    revealed: [],
    quitCalls: 0,
    quitCompleted: false,
    exitCodes: [],
    sandboxEnabled: false,
    lockRequested: false,
    nextFolderPick: { canceled: true, filePaths: [] },
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
}
