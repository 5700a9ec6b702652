/**
 * The Electron shell's security decisions as plain functions: which page is ours, which sender
 * and which permission we trust, which links may leave the app, the window's options and the
 * Content-Security-Policy. Nothing here imports electron (types aside), so every rule is
 * unit-tested on its own and the glue around it stays thin.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, formatCsp } from '../shared/contentSecurityPolicy.js';

/** Where the renderer lives: the built page, or the dev server while developing. */
export interface RendererLocation {
  url: string;
  dev: boolean;
}

/**
 * The dev server URL counts only in an unpackaged app: an environment variable must never be able
 * to point a shipped Studio, preload bridge included, at somebody else's page.
 */
export function rendererLocation(
  env: NodeJS.ProcessEnv,
  isPackaged: boolean,
  mainDir: string,
): RendererLocation {
  const devUrl = env['ELECTRON_RENDERER_URL'];
  if (devUrl && !isPackaged) return { url: new URL(devUrl).href, dev: true };
  return { url: pathToFileURL(join(mainDir, '../renderer/index.html')).href, dev: false };
}

/** The built preload beside the built main (out/main/index.js -> out/preload/index.cjs). */
export const preloadPath = (mainDir: string): string => join(mainDir, '../preload/index.cjs');

/**
 * Is `url` the Studio page? A file page must be the very file (any #route or ?query on it);
 * the dev server must be the same origin. Parsed, never prefix-matched.
 */
export function isRendererUrl(url: string, renderer: RendererLocation): boolean {
  let candidate: URL;
  try {
    candidate = new URL(url);
  } catch {
    return false;
  }
  const ours = new URL(renderer.url);
  if (ours.protocol === 'file:') {
    return (
      candidate.protocol === 'file:' && candidate.host === ours.host && candidate.pathname === ours.pathname
    );
  }
  return candidate.origin === ours.origin;
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
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
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

/** The main window: isolated, sandboxed, no Node, no webviews; the preload is the only bridge. */
export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'GoPlug Studio',
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
    },
  };
}

/**
 * The Content-Security-Policy sent with every response the session loads (the dev server's pages;
 * the built page comes from file://, which has no headers: there the same policy is the <meta>
 * in index.html). In development Vite also needs its inline refresh preamble and its HMR socket.
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
