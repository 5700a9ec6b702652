/**
 * The Electron shell's security decisions as plain functions: which page is ours, which sender
 * and which permission we trust, which links may leave the app, the window's options and the
 * Content-Security-Policy. Nothing here imports electron (types aside), so every rule is
 * unit-tested on its own and the glue around it stays thin.
 */
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, formatCsp } from '../shared/contentSecurityPolicy.js';
import { parseUrl } from './parseUrl.js';
import { parseSchemeUrl, RENDERER_ENTRY_URL } from './rendererScheme.js';

/** Where the renderer lives: the built page on our own scheme, or the dev server while developing. */
export interface RendererLocation {
  url: string;
  dev: boolean;
}

/**
 * The dev server URL counts only in an unpackaged app, and only as a loopback http: address: an
 * environment variable must never be able to point the Studio, preload bridge included, at
 * somebody else's page. A refused one is named in `ignored`, for the log.
 */
export function rendererLocation(
  env: NodeJS.ProcessEnv,
  isPackaged: boolean,
): RendererLocation & { ignored?: string } {
  const built = { url: RENDERER_ENTRY_URL, dev: false };
  const devUrl = env['ELECTRON_RENDERER_URL'];
  if (!devUrl) return built;
  if (isPackaged)
    return { ...built, ignored: `ELECTRON_RENDERER_URL=${devUrl} ignored: the app is packaged` };
  const url = loopbackHttpUrl(devUrl);
  if (url === undefined) {
    return {
      ...built,
      ignored: `ELECTRON_RENDERER_URL=${devUrl} ignored: only an http: URL on this computer (localhost, 127.0.0.1, [::1]) is used`,
    };
  }
  return { url: url.href, dev: true };
}

function loopbackHttpUrl(raw: string): URL | undefined {
  const url = parseUrl(raw);
  if (url === undefined) return undefined;
  const loopback =
    url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  return url.protocol === 'http:' && loopback && url.username === '' && url.password === '' ? url : undefined;
}

/** The built preload beside the built main (out/main/index.js -> out/preload/index.cjs). */
export const preloadPath = (mainDir: string): string => join(mainDir, '../preload/index.cjs');

/** The built page beside the built main (out/main -> out/renderer), which our scheme serves. */
export const rendererDir = (mainDir: string): string => join(mainDir, '../renderer');

/** The app icon (resources/icon.png at the package root, out/main being two levels down). */
export const iconPath = (mainDir: string): string => join(mainDir, '../../resources/icon.png');

/**
 * Is `url` the Studio page? The built page: our scheme and host (any file of it: the scheme
 * serves nothing but out/renderer). The dev server: the same origin. Parsed, never prefix-matched.
 */
export function isRendererUrl(url: string, renderer: RendererLocation): boolean {
  if (!renderer.dev) return parseSchemeUrl(url) !== undefined;
  return parseUrl(url)?.origin === new URL(renderer.url).origin;
}

/** The facts about an IPC sender that decide whether we answer it. */
export interface SenderFacts {
  url: string;
  /** False for an iframe: only the top frame of the Studio page may call the API. */
  isMainFrame: boolean;
}

export function isTrustedSender(sender: SenderFacts | null, renderer: RendererLocation): boolean {
  return sender !== null && sender.isMainFrame && isRendererUrl(sender.url, renderer);
}

/** Hosts a link may open in the user's browser (https only, exact host): keep this list tiny. */
export const EXTERNAL_HOSTS: readonly string[] = ['github.com'];

export function isAllowedExternalUrl(raw: string): boolean {
  const url = parseUrl(raw);
  if (url === undefined) return false;
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    EXTERNAL_HOSTS.includes(url.hostname)
  );
}

/**
 * Every permission is refused except writing text to the clipboard from the Studio page's top
 * frame: "copy as curl" uses navigator.clipboard, which Chromium gates behind this permission.
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function isPermissionGranted(
  permission: string,
  requester: SenderFacts | null,
  renderer: RendererLocation,
): boolean {
  return GRANTED_PERMISSIONS.includes(permission) && isTrustedSender(requester, renderer);
}

/** The window's background before the page paints: the page's own --bg (src/renderer/styles.css). */
export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#16191d' } as const;

export interface WindowLook {
  /** The OS (or the user's theme setting) asks for dark colours: resizing must not flash white. */
  dark: boolean;
  icon: string;
  /** A packaged app has no DevTools. */
  isPackaged: boolean;
}

/** The main window: isolated, sandboxed, no Node, no webviews; the preload is the only bridge. */
export function mainWindowOptions(preload: string, look: WindowLook): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'GoPlug Studio',
    icon: look.icon,
    backgroundColor: look.dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    show: false, // shown on ready-to-show: no white flash
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: !look.isPackaged,
    },
  };
}

/**
 * The Content-Security-Policy sent with every response the session loads (our scheme's handler
 * sends it too, and index.html carries it as a <meta>). In development Vite also needs its inline
 * refresh preamble and its HMR socket.
 */
export function contentSecurityPolicy(renderer: RendererLocation): string {
  if (!renderer.dev) return CONTENT_SECURITY_POLICY;
  const devServer = new URL(renderer.url).origin;
  const extra: Record<string, string[]> = {
    'script-src': ["'unsafe-inline'"],
    'connect-src': [devServer.replace(/^http/, 'ws')],
  };
  return formatCsp(
    CSP_DIRECTIVES.map(([name, sources]) => [name, [...sources, ...(extra[name] ?? [])]] as const),
  );
}
