/**
 * App-wide hardening: the Studio shows one local page and nothing else. Every web contents may
 * navigate only to our page itself (its reload, Vite's full reload in development), never attach
 * a webview nor open a window; a few https links go to the user's browser instead. The session
 * refuses permissions and sends a strict Content-Security-Policy.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import {
  contentSecurityPolicy,
  isAllowedExternalUrl,
  isPermissionGranted,
  isRendererUrl,
  type RendererLocation,
} from './policy.js';
import type { Log } from './ipc.js';

function openInBrowser(url: string, log: Log): void {
  if (!isAllowedExternalUrl(url)) {
    log(`GoPlug Studio: refused to open ${url} (not an allow-listed https link)`);
    return;
  }
  shell
    .openExternal(url)
    .catch((error: unknown) => log(`GoPlug Studio: could not open ${url}: ${String(error)}`));
}

function lockDown(contents: WebContents, renderer: RendererLocation, log: Log): void {
  contents.on('will-navigate', (event) => {
    // Electron asks this for the page's own location.reload() too: our page may load again.
    if (isRendererUrl(event.url, renderer)) return;
    event.preventDefault();
    openInBrowser(event.url, log);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('GoPlug Studio: refused to attach a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url, log);
    return { action: 'deny' };
  });
}

/** Call before the app is ready: covers every web contents created from then on. */
export function hardenApp(renderer: RendererLocation, log: Log): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => lockDown(contents, renderer, log));
}

/** Call once the app is ready, with the session our window uses. */
export function hardenSession(session: Session, renderer: RendererLocation): void {
  session.setPermissionRequestHandler((_contents, permission, grant, details) => {
    grant(
      isPermissionGranted(
        permission,
        { url: details.requestingUrl, isMainFrame: details.isMainFrame },
        renderer,
      ),
    );
  });
  session.setPermissionCheckHandler((contents, permission, _origin, details) => {
    const url = details.requestingUrl ?? contents?.getURL() ?? '';
    return isPermissionGranted(permission, { url, isMainFrame: details.isMainFrame }, renderer);
  });
  const csp = contentSecurityPolicy(renderer);
  session.webRequest.onHeadersReceived((details, respond) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    respond({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}
