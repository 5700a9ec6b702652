import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  isAllowedExternalUrl,
  isPermissionGranted,
  isRendererUrl,
  isTrustedSender,
  mainWindowOptions,
  preloadPath,
  rendererLocation,
  type RendererLocation,
} from '../../src/main/policy.js';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/contentSecurityPolicy.js';

const mainDir = '/opt/GoPlug Studio/out/main';
const built = rendererLocation({}, false, mainDir);
const dev: RendererLocation = { url: 'http://localhost:5173/', dev: true };

describe('where the renderer is', () => {
  it('is the built page beside the built main, as a file URL', () => {
    expect(built).toEqual({ url: 'file:///opt/GoPlug%20Studio/out/renderer/index.html', dev: false });
    expect(preloadPath(mainDir)).toBe('/opt/GoPlug Studio/out/preload/index.cjs');
  });

  it('is the dev server while developing, but never in a packaged app', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(rendererLocation(env, false, mainDir)).toEqual({ url: 'http://localhost:5173/', dev: true });
    expect(rendererLocation(env, true, mainDir)).toEqual(built);
  });
});

describe('which page is ours', () => {
  it('accepts the built page with a route or query on it', () => {
    expect(isRendererUrl(built.url, built)).toBe(true);
    expect(isRendererUrl(`${built.url}#/plugins/Test%2FDo`, built)).toBe(true);
    expect(isRendererUrl(`${built.url}?tab=console`, built)).toBe(true);
  });

  it('refuses other files, other schemes and look-alikes', () => {
    for (const url of [
      'file:///opt/GoPlug%20Studio/out/renderer/other.html',
      'file:///opt/GoPlug%20Studio/out/renderer/index.html.evil.html',
      'file:///tmp/index.html',
      'file://evilhost/opt/GoPlug%20Studio/out/renderer/index.html',
      'https://example.com/opt/GoPlug%20Studio/out/renderer/index.html',
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
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences;
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
