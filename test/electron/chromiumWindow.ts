/**
 * Real Chromium pages behind the stand-in's windows, for the test of the built app:
 *
 * - The page loads the URL the main process asks for, through the handler that the main process
 *   registered with `protocol.handle`. Stock Chromium cannot be taught a new scheme (it never
 *   issues a request for `goplug-studio://`, so no route can see it), so each privileged scheme
 *   of the stand-in gets a stand-in https origin in the browser: `goplug-studio://app/x` is
 *   loaded as `https://app.goplug-studio.invalid/x`, every request to that origin is answered by
 *   the main's handler with the production URL, and every URL the main process sees (the
 *   window's, the IPC sender's, will-navigate's) is translated back. Nothing else reaches any
 *   network: other requests are refused.
 * - The built preload (out/preload/index.cjs) runs in the page before the page's own scripts,
 *   with a `require` that offers `electron` only (as a sandboxed preload's does): its
 *   `contextBridge` defines the exposed API on the window, its `ipcRenderer.invoke` crosses to
 *   the main's `ipcMain` handlers over a Playwright binding (the sender frame being the real
 *   frame that called), and `webContents.send` comes back into the page.
 * - A navigation the page starts (reload, a link) is first offered to the main's `will-navigate`
 *   listeners; a prevented one never happens.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Frame, Page, Route } from 'playwright-core';
import { parseUrl } from '../../src/main/parseUrl.js';
import { BrowserWindow, FakeEvent, ipcMain, protocol, type WindowBacking } from './fakeElectron.js';

/** `S://host/path` <-> `https://host.S.invalid/path`, for the schemes registered as privileged. */
export function standInUrl(production: string): string {
  const url = new URL(production);
  const scheme = url.protocol.slice(0, -1);
  if (!protocol.privileged.some((entry) => entry.scheme === scheme)) return production;
  return `https://${url.host}.${scheme}.invalid${url.pathname}${url.search}${url.hash}`;
}

export function productionUrl(standIn: string): string {
  const url = parseUrl(standIn);
  if (url === undefined) return standIn;
  const match = /^(.+)\.([a-z][a-z0-9+.-]*)\.invalid$/.exec(url.hostname);
  if (
    url.protocol !== 'https:' ||
    !match ||
    !protocol.privileged.some((entry) => entry.scheme === match[2])
  ) {
    return standIn;
  }
  return `${match[2]}://${match[1]}${url.pathname}${url.search}${url.hash}`;
}

/** The page side of the stand-in renderer: runs the preload bundle with `electron` only. */
function preloadHost(preloadSource: string): string {
  return `(() => {
  if (window.top !== window) return; // like Electron without nodeIntegrationInSubFrames: main frame only
  const invoke = window.__electronIpcInvoke;
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, ...args) => invoke(channel, args),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (key in window) throw new Error('Cannot bind an API on top of an existing property: ' + key);
      Object.defineProperty(window, key, { value: Object.freeze({ ...api }), enumerable: true });
    },
  };
  Object.defineProperty(window, '__electronIpcDeliver', {
    value: (channel, args) => {
      for (const listener of [...(listeners.get(channel) ?? [])]) listener({ sender: null }, ...args);
    },
  });
  const require = (name) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error('Cannot find module ' + JSON.stringify(name) + ': a sandboxed preload may require electron only');
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

interface SenderFrame {
  url: string;
  parent: SenderFrame | null;
}

function senderFrame(frame: Frame): SenderFrame {
  const parent = frame.parentFrame();
  return { url: productionUrl(frame.url()), parent: parent ? senderFrame(parent) : null };
}

export interface ChromiumWindows {
  /** The page behind the n-th window, once it exists. */
  page(index?: number): Promise<Page>;
  /** Production URLs the scheme handlers were asked for, in order. */
  served: string[];
  /** Requests refused because they would have left the app (none should happen). */
  refused: string[];
  /** Navigations the page started, as offered to will-navigate, and whether they went ahead. */
  navigations: Array<{ url: string; allowed: boolean }>;
  close(): Promise<void>;
}

/** From now on, every stand-in BrowserWindow is a page of `browser` running `preloadFile`. */
export function backWindowsWithChromium(
  browser: Browser,
  options: { preloadFile: string; colorScheme?: 'light' | 'dark' },
): ChromiumWindows {
  const pages: Array<Promise<Page>> = [];
  const contexts: BrowserContext[] = [];
  const served: string[] = [];
  const refused: string[] = [];
  const navigations: Array<{ url: string; allowed: boolean }> = [];

  async function answer(route: Route): Promise<void> {
    const request = route.request();
    const production = productionUrl(request.url());
    const handler =
      production === request.url()
        ? undefined
        : protocol.handlers.get(new URL(production).protocol.slice(0, -1));
    if (handler === undefined) {
      refused.push(request.url());
      return route.abort('blockedbyclient');
    }
    served.push(production);
    const response = await handler(
      new Request(production, { method: request.method(), headers: request.headers() }),
    );
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  }

  async function open(studioWindow: BrowserWindow, expectLoad: { url: string | null }): Promise<Page> {
    const context = await browser.newContext({
      colorScheme: options.colorScheme ?? 'light',
      viewport: { width: 1280, height: 800 },
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.exposeBinding('__electronIpcInvoke', async (source, channel: string, args: unknown[]) => {
      const handler = ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler(
        { senderFrame: senderFrame(source.frame), sender: studioWindow.webContents },
        ...structuredClone(args),
      );
    });
    await page.addInitScript({ content: preloadHost(await readFile(options.preloadFile, 'utf8')) });
    await context.route('**/*', async (route) => {
      const request = route.request();
      const ownLoad = expectLoad.url !== null && request.url() === expectLoad.url;
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && !ownLoad) {
        const event = new FakeEvent(productionUrl(request.url()));
        studioWindow.webContents.emit('will-navigate', event, event.url);
        navigations.push({ url: event.url, allowed: !event.defaultPrevented });
        // ERR_ABORTED commits no error page: the page stays, as after Electron's preventDefault.
        if (event.defaultPrevented) return route.abort('aborted');
      }
      if (ownLoad) expectLoad.url = null;
      return answer(route);
    });
    page.on('close', () => {
      studioWindow.webContents.destroyed = true;
      studioWindow.emit('closed');
    });
    return page;
  }

  BrowserWindow.backWith = (studioWindow) => {
    const expectLoad = { url: null as string | null };
    const ready = open(studioWindow, expectLoad);
    pages.push(ready);
    let current: Page | undefined;
    void ready.then((page) => (current = page));
    const backing: WindowBacking = {
      async load(url) {
        const page = await ready;
        expectLoad.url = standInUrl(url);
        await page.goto(expectLoad.url);
        studioWindow.emit('ready-to-show');
      },
      url: () => (current ? productionUrl(current.url()) : ''),
      send(channel, args) {
        if (!current || current.isClosed()) return;
        type Deliver = { __electronIpcDeliver?: (channel: string, args: unknown[]) => void };
        current
          .evaluate(([c, a]) => (globalThis as Deliver).__electronIpcDeliver?.(c, a), [
            channel,
            args,
          ] as const)
          .catch(() => {}); // a page in the middle of a (re)load has no listener yet; Electron drops those too
      },
    };
    return backing;
  };

  return {
    page: (index = 0) => {
      const page = pages[index];
      if (!page) throw new Error(`no window #${index} was opened`);
      return page;
    },
    served,
    refused,
    navigations,
    async close() {
      BrowserWindow.backWith = null;
      await Promise.all(contexts.map((context) => context.close().catch(() => {})));
    },
  };
}
