import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, FakeEvent, FakeWebContents, fake, resetFakeElectron, session } from './fakeElectron.js';
import { hardenApp, hardenSession } from '../../src/main/security.js';
import { rendererLocation } from '../../src/main/policy.js';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/contentSecurityPolicy.js';

vi.mock('electron', () => import('./fakeElectron.js'));

const renderer = rendererLocation({}, false);
let logged: string[];

function createdContents(): FakeWebContents {
  const contents = new FakeWebContents();
  app.emit('web-contents-created', new FakeEvent(), contents);
  return contents;
}

beforeEach(() => {
  resetFakeElectron();
  logged = [];
  hardenApp(renderer, (message) => logged.push(message));
});

describe('every web contents', () => {
  it('runs sandboxed app-wide', () => {
    expect(fake.sandboxEnabled).toBe(true);
  });

  it('may load our own page again (its reload), on the built scheme and on the dev server', () => {
    const contents = createdContents();
    for (const url of [renderer.url, 'goplug-studio://app/index.html#/plugins']) {
      const event = new FakeEvent(url);
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(false);
    }
    resetFakeElectron();
    const dev = rendererLocation({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, false);
    hardenApp(dev, (message) => logged.push(message));
    const devContents = createdContents();
    const reload = new FakeEvent('http://localhost:5173/');
    devContents.emit('will-navigate', reload, reload.url);
    expect(reload.defaultPrevented).toBe(false);
    const built = new FakeEvent(renderer.url);
    devContents.emit('will-navigate', built, built.url);
    expect(built.defaultPrevented).toBe(true);
  });

  it('cannot navigate anywhere else, and a link to an allow-listed site opens in the browser instead', () => {
    const contents = createdContents();
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'goplug-studio://evil/',
      'https://github.com/',
    ]) {
      const event = new FakeEvent(url);
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
    expect(fake.openedExternally).toEqual(['https://github.com/']);
  });

  it('cannot attach a webview', () => {
    const contents = createdContents();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://evil.example/' });
    expect(event.defaultPrevented).toBe(true);
    expect(logged.join('\n')).toMatch(/webview/);
  });

  it('cannot open windows; only allow-listed https links reach the browser', () => {
    const handler = createdContents().windowOpenHandler;
    expect(handler).not.toBeNull();
    const urls = [
      'https://github.com/goplug',
      'http://github.com/goplug',
      'https://github.com.evil.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ms-msdt:/id PCWDiagnostic',
    ];
    for (const url of urls) expect(handler!({ url }), url).toEqual({ action: 'deny' });
    expect(fake.openedExternally).toEqual(['https://github.com/goplug']);
    expect(logged.filter((line) => line.includes('refused to open'))).toHaveLength(urls.length - 1);
  });
});

describe('the session', () => {
  beforeEach(() => hardenSession(session.defaultSession as never, renderer));

  const requestPermission = (permission: string, requestingUrl: string, isMainFrame = true) =>
    new Promise<boolean>((resolve) =>
      session.defaultSession.permissionRequestHandler!(null, permission, resolve, {
        requestingUrl,
        isMainFrame,
      }),
    );

  it('refuses permission requests: camera, location, notifications, even from our own page', async () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(await requestPermission(permission, renderer.url), permission).toBe(false);
    }
  });

  it('lets only our own top frame write to the clipboard', async () => {
    expect(await requestPermission('clipboard-sanitized-write', renderer.url)).toBe(true);
    expect(await requestPermission('clipboard-sanitized-write', renderer.url, false)).toBe(false);
    expect(await requestPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });

  it('answers permission checks the same way', () => {
    const check = session.defaultSession.permissionCheckHandler!;
    const ours = new FakeWebContents();
    ours.url = renderer.url;
    expect(check(ours, 'media', 'goplug-studio://app', { isMainFrame: true })).toBe(false);
    expect(check(ours, 'clipboard-sanitized-write', 'goplug-studio://app', { isMainFrame: true })).toBe(true);
    expect(
      check(null, 'clipboard-sanitized-write', '', { requestingUrl: 'https://x.test/', isMainFrame: true }),
    ).toBe(false);
  });

  it('sends a strict Content-Security-Policy with every response, replacing any other', () => {
    let headers: Record<string, string | string[]> | undefined;
    session.defaultSession.headersListener!(
      {
        url: 'http://localhost:5173/',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers?.['Content-Type']).toEqual(['text/html']);
    expect(headers?.['content-security-policy']).toBeUndefined();
    const csp = headers?.['Content-Security-Policy'];
    expect(csp).toHaveLength(1);
    expect(csp).toEqual([CONTENT_SECURITY_POLICY]);
  });
});
