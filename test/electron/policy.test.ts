import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  isAllowedExternalUrl,
  isPermissionGranted,
  isRendererUrl,
  isTrustedSender,
  mainWindowOptions,
  preloadPath,
  rendererDir,
  rendererLocation,
  WINDOW_BACKGROUND,
  type RendererLocation,
} from '../../src/main/policy.js';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/contentSecurityPolicy.js';

const mainDir = '/opt/GoPlug Studio/out/main';
const built = rendererLocation({}, false);
const dev: RendererLocation = { url: 'http://localhost:5173/', dev: true };
const look = { icon: '/app/resources/icon.png', isPackaged: false, dark: false };

describe('where the renderer is', () => {
  it('is the built page on our own scheme, served from beside the built main', () => {
    expect(built).toEqual({ url: 'goplug-studio://app/index.html', dev: false });
    expect(rendererDir(mainDir)).toBe('/opt/GoPlug Studio/out/renderer');
    expect(preloadPath(mainDir)).toBe('/opt/GoPlug Studio/out/preload/index.cjs');
  });

  it('is the dev server while developing, on a loopback http: address only', () => {
    for (const address of ['http://localhost:5173', 'http://127.0.0.1:5173/', 'http://[::1]:5173/']) {
      const location = rendererLocation({ ELECTRON_RENDERER_URL: address }, false);
      expect(location, address).toEqual({ url: new URL(address).href, dev: true });
    }
  });

  it('ignores, and says so, a dev server URL in a packaged app or one that is not loopback http:', () => {
    const packaged = rendererLocation({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true);
    expect(packaged).toMatchObject(built);
    expect(packaged.ignored).toMatch(
      /ELECTRON_RENDERER_URL=http:\/\/localhost:5173 ignored: the app is packaged/,
    );
    for (const address of [
      'https://localhost:5173/',
      'http://evil.example:5173/',
      'http://localhost.evil.example/',
      'http://user:pw@localhost:5173/',
      'file:///tmp/index.html',
      'http://10.0.0.1/',
      'not a url',
    ]) {
      const location = rendererLocation({ ELECTRON_RENDERER_URL: address }, false);
      expect(location, address).toMatchObject(built);
      expect(location.ignored, address).toMatch(/only an http: URL on this computer/);
    }
  });
});

describe('which page is ours', () => {
  it('accepts any URL of our scheme and host, whatever the case of the host', () => {
    expect(isRendererUrl(built.url, built)).toBe(true);
    expect(isRendererUrl('goplug-studio://app/index.html#/plugins/Test%2FDo', built)).toBe(true);
    expect(isRendererUrl('goplug-studio://app/?tab=console', built)).toBe(true);
    expect(isRendererUrl('goplug-studio://APP/index.html', built)).toBe(true);
    expect(isRendererUrl('GOPLUG-STUDIO://app/index.html', built)).toBe(true);
  });

  it('refuses files, other schemes, other hosts and look-alikes', () => {
    for (const url of [
      'file:///opt/GoPlug%20Studio/out/renderer/index.html',
      'file:///C:/GoPlug/out/renderer/index.html',
      'goplug-studio://evil/index.html',
      'goplug-studio://app.evil/index.html',
      'goplug-studio://user@app/index.html',
      'goplug-studiox://app/index.html',
      'https://app/index.html',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isRendererUrl(url, built), url).toBe(false);
    }
  });

  it('accepts any page of the dev server origin and nothing that merely starts like it', () => {
    expect(isRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5173/index.html#/x', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl('http://localhost:5173.evil.com/', dev)).toBe(false);
    expect(isRendererUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isRendererUrl(built.url, dev)).toBe(false);
  });
});

describe('which IPC sender is trusted', () => {
  it('is the top frame of our page only', () => {
    expect(isTrustedSender({ url: built.url, isMainFrame: true }, built)).toBe(true);
    expect(isTrustedSender({ url: built.url, isMainFrame: false }, built)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, built)).toBe(false);
    expect(isTrustedSender(null, built)).toBe(false);
  });
});

describe('which links may open in the browser', () => {
  it('allows https links to an allow-listed host', () => {
    expect(isAllowedExternalUrl('https://github.com/')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/some/repo#readme')).toBe(true);
  });

  it('refuses everything else', () => {
    for (const url of [
      'http://github.com/',
      'https://github.com.evil.com/',
      'https://evil.com/github.com',
      'https://user:pw@github.com/',
      'https://github.com:8443/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://github.com/share',
      'https://example.com/',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('permissions', () => {
  it('grants only clipboard writes, and only to our top frame', () => {
    const ours = { url: built.url, isMainFrame: true };
    expect(isPermissionGranted('clipboard-sanitized-write', ours, built)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', { ...ours, isMainFrame: false }, built)).toBe(
      false,
    );
    expect(
      isPermissionGranted('clipboard-sanitized-write', { url: 'https://x.test/', isMainFrame: true }, built),
    ).toBe(false);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'unknown',
    ]) {
      expect(isPermissionGranted(permission, ours, built), permission).toBe(false);
    }
  });
});

describe('the main window', () => {
  it('is isolated, sandboxed and without Node, with our preload as its only bridge', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs', look).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
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
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('the main window', () => {
  it('has DevTools only while developing', () => {
    expect(mainWindowOptions('/p', look).webPreferences?.devTools).toBe(true);
    expect(mainWindowOptions('/p', { ...look, isPackaged: true }).webPreferences?.devTools).toBe(false);
  });

  it("has the app icon and, before the page paints, the page's own background: dark in the dark theme", async () => {
    expect(mainWindowOptions('/p', look)).toMatchObject({
      icon: '/app/resources/icon.png',
      backgroundColor: '#ffffff',
    });
    expect(mainWindowOptions('/p', { ...look, dark: true }).backgroundColor).toBe('#16191d');
    // The same colours as the page's --bg, light then dark (src/renderer/styles/theme.css).
    const { readFile } = await import('node:fs/promises');
    const css = await readFile(new URL('../../src/renderer/styles/theme.css', import.meta.url), 'utf8');
    const backgrounds = [...css.matchAll(/--bg:\s*(#[0-9a-f]{6})/gi)].map((match) => match[1]!.toLowerCase());
    expect(backgrounds.slice(0, 2)).toEqual([WINDOW_BACKGROUND.light, WINDOW_BACKGROUND.dark]);
  });
});

describe('the Content-Security-Policy', () => {
  const directives = (csp: string) =>
    new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

  it('is the page policy shared with the web server for the built page', () => {
    expect(contentSecurityPolicy(built)).toBe(CONTENT_SECURITY_POLICY);
    const csp = directives(contentSecurityPolicy(built));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lets the dev server run its refresh preamble and reach its HMR socket, in development only', () => {
    const csp = directives(contentSecurityPolicy(dev));
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });
});
