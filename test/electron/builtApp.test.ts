/**
 * The built desktop app, end to end: `out/main/index.js` as `electron-vite build` wrote it runs
 * in this Node process, imported by Node itself (not through vitest's transform), with `electron`
 * resolved by a loader hook to the stand-in (electronStandIn.mjs, handing over fakeElectron.ts's
 * objects); its window is a real Chromium page (chromiumWindow.ts) that loads
 * `goplug-studio://app/index.html` through the handler the bundle registered, under the CSP that
 * handler sends, with the built `out/preload/index.cjs` as its only bridge to the main's IPC
 * handlers. Then what a user does: start the samples, switch one on, send it a request, open the
 * pconf tab. What the stand-in cannot show is listed in docs/SECURITY.md.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire, register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backWindowsWithChromium, type ChromiumWindows } from './chromiumWindow.js';
import * as standIn from './fakeElectron.js';
import { app, BrowserWindow, fake, protocol, resetFakeElectron } from './fakeElectron.js';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { attributeNow, launchChromium, poll, STEP_TIMEOUT_MS, textNow } from '../helpers/studioBrowser.js';
import { ensureStudioBuilt } from '../helpers/studioBuild.js';
import * as ui from '../helpers/studioUi.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

/** Node's own import() (see nativeImport.cjs). */
const nativeImport = createRequire(import.meta.url)('./nativeImport.cjs') as (
  url: string,
) => Promise<unknown>;

const ENTRY = 'goplug-studio://app/index.html';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let pluginDir: string;
let browser: Browser;
let windows: ChromiumWindows;
let page: Page;
const saved = { argv: process.argv, pluginDir: process.env.GOPLUG_PLUGIN_DIR };
const consoleErrors: string[] = [];

beforeAll(async () => {
  await ensureStudioBuilt();
  for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    expect(existsSync(join(REPO_ROOT, built)), built).toBe(true);
  }
  resetFakeElectron();
  folder = await tempFolder('gp-built-');
  pluginDir = join(folder.path, 'plugins');
  await mkdir(pluginDir, { mode: 0o700 });
  fake.userData = join(folder.path, 'userData');
  // The default folder is another one: the Studio shows pluginDir only if the bundle read --dir.
  process.env.GOPLUG_PLUGIN_DIR = join(folder.path, 'default-plugins');
  process.argv = [process.execPath, REPO_ROOT, '--no-sandbox', '--dir', pluginDir]; // as `npm start -- --dir X`

  browser = await launchChromium();
  windows = backWindowsWithChromium(browser, { preloadFile: join(REPO_ROOT, 'out/preload/index.cjs') });
  // `electron` resolves to the stand-in for the bundle; the bundle starts the Studio as it is
  // imported, as Electron runs it.
  Object.assign(globalThis, { __goplugElectronStandIn: standIn });
  register(new URL('./electronLoaderHook.mjs', import.meta.url), {
    data: { url: new URL('./electronStandIn.mjs', import.meta.url).href },
  });
  await nativeImport(pathToFileURL(join(REPO_ROOT, 'out/main/index.js')).href);
  await waitUntil(() => BrowserWindow.instances.length === 1, 'the built main opened its window', 20_000);
  page = await windows.page();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await waitUntil(() => BrowserWindow.instances[0]!.shown, 'the window was shown once painted', 20_000);
}, 180_000);

afterAll(async () => {
  app.quit(); // the bundle holds the quit until its service (and the samples it started) closed
  await waitUntil(() => fake.quitCompleted, 'the built main quit', 20_000);
  await windows?.close();
  await browser?.close();
  process.argv = saved.argv;
  if (saved.pluginDir === undefined) delete process.env.GOPLUG_PLUGIN_DIR;
  else process.env.GOPLUG_PLUGIN_DIR = saved.pluginDir;
  await folder?.remove();
}, 60_000);

const toggle = (id: string): Locator => ui.toggle(page, id);
const row = (id: string): Locator => ui.row(page, id);
const openTab = (id: string, tab: 'Console' | 'pconf') => ui.openTab(page, id, tab);
const send = (method: string, body: string) => ui.send(page, method, body);

describe('the built app', () => {
  it('loads the production URL through the scheme the bundle registered, under the production CSP', async () => {
    const window = BrowserWindow.instances[0]!;
    expect(window.webContents.getURL()).toBe(ENTRY);
    expect(protocol.handlers.has('goplug-studio')).toBe(true);
    expect(windows.served[0]).toBe(ENTRY);
    expect(windows.refused).toEqual([]);
    expect(existsSync(String(window.options['icon'])), 'the window icon, resources/icon.png').toBe(true);
    expect(window.options['webPreferences']).toMatchObject({
      preload: join(REPO_ROOT, 'out/preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
    });
    // The CSP came with the page: an injected inline script does not run.
    const ran = await page.evaluate<{ injected: boolean; violations: string[] }>(`(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { injected: window.__injected === true, violations };
    })()`);
    // Refused twice: by the handler's CSP header and by index.html's <meta>, both enforced.
    expect(ran.injected).toBe(false);
    expect(ran.violations).toEqual(['script-src-elem', 'script-src-elem']);
    const refusals = () =>
      consoleErrors.filter((text) => /inline script violates .*script-src 'self'/.test(text));
    await poll(() => refusals().length).toBe(2);
    expect(consoleErrors).toEqual(refusals());
    consoleErrors.length = 0; // those refusals were ours; from here on the page must log no error
  });

  it('watches the folder of --dir, explains it is empty; "Start sample plugins here" lists the samples', async () => {
    const welcome = page.getByRole('region', { name: 'Getting started' });
    await poll(() => textNow(welcome)).toContain(pluginDir);
    await welcome.getByRole('button', { name: 'Start sample plugins here' }).click();
    for (const id of ['demo/echo', 'demo/clock']) {
      await expect
        .poll(() => attributeNow(toggle(id), 'aria-checked'), { timeout: 30_000, interval: 100 })
        .toBe('true');
    }
    await poll(() => textNow(row('demo/kv'))).toMatch(/Ready[^]*Lazy/);
    expect(await attributeNow(toggle('demo/kv'), 'aria-checked')).toBe('false');
  }, 60_000);

  it('starts the lazy demo/kv with its switch; the console sends Set and Get and shows the answer', async () => {
    await toggle('demo/kv').click();
    await poll(() => attributeNow(toggle('demo/kv'), 'aria-checked')).toBe('true');
    await poll(() => textNow(row('demo/kv'))).toContain('Started');

    await openTab('demo/kv', 'Console');
    const set = await send('Set', '{"key": "colour", "value": "teal"}');
    await set.getByTitle('HTTP status 200').waitFor();
    const get = await send('Get', '{"key": "colour"}');
    await poll(() => textNow(get)).toContain('"teal"');
    expect(await get.innerText()).toContain('/Get');
  }, 60_000);

  it('opens the pconf tab, its lazily loaded editor chunks coming from the production URL', async () => {
    await openTab('demo/echo', 'pconf');
    const pconf = page.getByRole('region', { name: 'pconf', exact: true });
    await poll(() => textNow(pconf)).toContain(join(pluginDir, 'demoecho.pconf'));
    const raw = pconf.getByRole('textbox', { name: 'Contents of demoecho.pconf' });
    await poll(() => textNow(raw)).toContain('"NameSpace":"demo"');
    const chunks = windows.served.filter((url) =>
      /\/assets\/(JsonEditor|CodeView|editorSetup)-[\w-]+\.js$/.test(url),
    );
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    for (const url of chunks) expect(url.startsWith('goplug-studio://app/assets/'), url).toBe(true);
    expect(windows.refused).toEqual([]);
  });

  it('reloads (will-navigate lets our own page through) and still works; leaving the page is refused', async () => {
    const loads = () => windows.served.filter((url) => url === ENTRY).length;
    const before = loads();
    await page.evaluate('window.beforeReload = true');
    await page.evaluate('location.reload()');
    await poll(loads).toBe(before + 1);
    await poll(() => page.evaluate<boolean>("'beforeReload' in window").catch(() => true)).toBe(false);
    await poll(() => attributeNow(toggle('demo/kv'), 'aria-checked')).toBe('true');
    expect(windows.navigations).toEqual([{ url: ENTRY, allowed: true }]);
    expect(BrowserWindow.instances[0]!.webContents.getURL()).toBe(ENTRY);

    await page.evaluate("location.href = 'https://evil.example/'");
    await poll(() => windows.navigations.length).toBe(2);
    expect(windows.navigations[1]).toEqual({ url: 'https://evil.example/', allowed: false });
    expect(BrowserWindow.instances[0]!.webContents.getURL()).toBe(ENTRY);
    expect(await toggle('demo/kv').count()).toBe(1);
    expect(windows.refused).toEqual([]); // stopped by will-navigate, before any request
  });

  it('logged no error in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
