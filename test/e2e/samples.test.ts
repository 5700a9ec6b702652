/**
 * GoPlug Studio in Chromium against the real `goplug serve`, with the real sample plugins of
 * `goplug demo` in its folder: what a user sees and does, found by role and accessible name.
 *
 * One server, one browser and one set of samples for the whole file. Stopping a sample ends its
 * process (as the Go plugin does), so the test that stops demo/echo comes last.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attributeNow,
  launchStudio,
  poll,
  textNow,
  type StudioSession,
} from '../helpers/studioBrowser.js';
import { openTab, row, send, toggle } from '../helpers/studioUi.js';

let studio: StudioSession;
let page: Page;

beforeAll(async () => {
  studio = await launchStudio({ samples: true });
}, 180_000);

afterAll(async () => {
  await studio?.close();
}, 60_000);

/** A fresh page for each test, on the Studio's address with its token. */
async function openStudio(options?: Parameters<StudioSession['open']>[0]): Promise<Page> {
  await page?.context().close();
  page = await studio.open(options);
  return page;
}

describe('GoPlug Studio with the sample plugins', () => {
  it('lists every sample with its state badge: started ones switched on, the lazy kv discovered', async () => {
    expect(studio.sampleIds).toEqual(expect.arrayContaining(['demo/echo', 'demo/clock', 'demo/kv']));
    const p = await openStudio();
    for (const id of studio.sampleIds) {
      const lazy = id === 'demo/kv';
      await poll(() => attributeNow(toggle(p, id), 'aria-checked')).toBe(lazy ? 'false' : 'true');
      const text = await row(p, id).innerText();
      expect(text).toContain(lazy ? 'Discovered' : 'Started');
      if (lazy) expect(text).toContain('Lazy');
    }
    await expect(p.getByRole('button', { name: /demo/i, expanded: true }).innerText()).resolves.toMatch(
      new RegExp(`demo\\s+${studio.sampleIds.length}`, 'i'),
    );
  });

  it('sends Echo to demo/echo and shows the answer in the Response pane', async () => {
    const p = await openStudio();
    await openTab(p, 'demo/echo', 'Console');
    const response = await send(p, 'Echo', '{"greeting": "hello from the browser"}');
    await poll(() => textNow(response)).toContain('hello from the browser');
    await response.getByTitle('HTTP status 200').waitFor();
    const text = await response.innerText();
    expect(text).toContain('/Echo');
    expect(text).toContain('"greeting"');
  });

  it('starts the lazy demo/kv with its switch, then Set and Get go through the console', async () => {
    const p = await openStudio();
    await toggle(p, 'demo/kv').click();
    await poll(() => attributeNow(toggle(p, 'demo/kv'), 'aria-checked')).toBe('true');
    await poll(() => textNow(row(p, 'demo/kv'))).toContain('Started');

    await openTab(p, 'demo/kv', 'Console');
    const set = await send(p, 'Set', '{"key": "colour", "value": "teal"}');
    await set.getByTitle('HTTP status 200').waitFor();
    const get = await send(p, 'Get', '{"key": "colour"}');
    await poll(() => textNow(get)).toContain('"teal"');
    expect(await get.innerText()).toContain('/Get');
  });

  it('shows the notifications of a callback subscription as they arrive', async () => {
    const p = await openStudio();
    await openTab(p, 'demo/clock', 'Callbacks');
    await p.getByRole('textbox', { name: 'Callback name', exact: true }).fill('tick');
    await p.getByRole('button', { name: 'Subscribe', exact: true }).click();
    const panel = p.getByRole('region', { name: 'Callback tick', exact: true });
    const count = async () => Number(/(\d+) received/.exec(await textNow(panel))?.[1] ?? 0);
    // The clock ticks every second (and kept the ticks nobody asked for); the count keeps growing.
    await poll(count).toBeGreaterThanOrEqual(1);
    const first = await count();
    await poll(count).toBeGreaterThan(first);
    const items = panel.getByRole('list', { name: 'Notifications of tick' }).getByRole('listitem');
    expect(await items.count()).toBeGreaterThanOrEqual(2);
    expect(await items.last().innerText()).toContain('"seq"');
  });

  it('opens the .pconf inspector: the raw file, the parsed fields and the socket', async () => {
    const p = await openStudio();
    await openTab(p, 'demo/echo', 'pconf');
    const pconf = p.getByRole('region', { name: 'pconf', exact: true });
    const confPath = join(studio.pluginDir, 'demoecho.pconf');
    await poll(() => textNow(pconf)).toContain(confPath);
    const raw = pconf.getByRole('textbox', { name: 'Contents of demoecho.pconf' });
    await poll(() => textNow(raw)).toContain('"NameSpace":"demo"');
    const fields = await pconf.getByRole('table').first().innerText();
    expect(fields).toMatch(/Name\s+echo/);
    expect(fields).toMatch(/NameSpace\s+demo/);
    expect(fields).toContain(join(studio.pluginDir, 'demoecho.sock'));
    await poll(() => textNow(pconf)).toMatch(/Reachable\s+yes/);
  });

  it('shows a broken .pconf dropped into the folder in the Problems group, with its reason', async () => {
    const p = await openStudio();
    await poll(() => toggle(p, 'demo/echo').count()).toBe(1);
    await writeFile(join(studio.pluginDir, 'broken.pconf'), '{"Name": "broken", "Sock": ');
    const problems = p.getByRole('region', { name: 'Problems', exact: true });
    await poll(() => textNow(problems)).toContain('broken.pconf');
    expect(await problems.innerText()).toMatch(/Problems:\s*1/);
    expect(await problems.innerText()).toMatch(/unexpected end of JSON at line 1 column \d+/);

    await problems.getByRole('button', { name: /broken\.pconf/ }).click();
    const pconf = p.getByRole('region', { name: 'pconf', exact: true });
    await poll(() => textNow(pconf)).toContain('Not a valid .pconf');
    expect(await pconf.getByRole('list', { name: 'Issues' }).innerText()).toMatch(/Error\s+line 1:\d+/);
  });

  it('follows the OS dark theme: the page background is dark', async () => {
    // Relative luminance (WCAG) of the body's computed background: 0 is black, 1 white.
    const luminance = async (p: Page) => {
      const colour = await p.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).map((c) => Number(c) / 255);
      const linear = (c = 0) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const dark = await openStudio({ colorScheme: 'dark' });
    await poll(() => toggle(dark, 'demo/echo').count()).toBe(1);
    expect(await luminance(dark)).toBeLessThan(0.05);
    const light = await openStudio({ colorScheme: 'light' });
    await poll(() => toggle(light, 'demo/echo').count()).toBe(1);
    expect(await luminance(light)).toBeGreaterThan(0.8);
  });

  it('shows a page without the token, or with a wrong one, no plugin data: an explanation, and 401 from the API', async () => {
    for (const token of [null, 'not-the-token-0123456789abcdefghij']) {
      const statuses: number[] = [];
      const p = await openStudio({
        token,
        beforeLoad: (page) =>
          page.on('response', (r) => {
            if (new URL(r.url()).pathname.startsWith('/api/')) statuses.push(r.status());
          }),
      });
      const explanation = p.getByRole('alert').filter({ hasText: 'no access' });
      await poll(() => textNow(explanation)).toMatch(/Missing or wrong token[^]*address goplug serve printed/);
      await poll(() => statuses.length).toBeGreaterThanOrEqual(1);
      expect(new Set(statuses)).toEqual(new Set([401]));
      const html = await p.content();
      for (const id of studio.sampleIds) {
        expect(html).not.toContain(id);
        expect(html).not.toContain(`${id.replace('/', '')}.pconf`);
      }
      expect(html).not.toContain(studio.pluginDir);
    }
  });

  // Last: stopping demo/echo ends its process, as in the Go original.
  it('saves a console request into a collection and runs the collection: the failing request says why', async () => {
    const p = await openStudio();
    await openTab(p, 'demo/echo', 'Console');
    const response = await send(p, 'Upper', 'hi');
    await response.getByTitle('HTTP status 200').waitFor();
    await p.getByRole('button', { name: 'Save request', exact: true }).click();
    const form = p.getByRole('dialog', { name: 'Save request' });
    await form.getByLabel('Name', { exact: true }).fill('upper');
    await form.getByLabel('Body equals').fill('HI');
    await form.getByLabel('File name').fill('echo.collection.json');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await poll(() => textNow(p.getByRole('status').filter({ hasText: 'Saved to' }))).toContain(
      join(studio.pluginDir, 'echo.collection.json'),
    );
    // A second request written by hand next to it, whose expectation does not hold.
    const saved = JSON.parse(await readFile(join(studio.pluginDir, 'echo.collection.json'), 'utf8')) as {
      requests: unknown[];
    };
    saved.requests.push({ name: 'lower', plugin: 'demo/echo', method: 'Upper', body: 'hi', expect: { body: 'hi' } });
    await writeFile(join(studio.pluginDir, 'echo.collection.json'), JSON.stringify(saved));

    await p.getByRole('button', { name: 'Collections', exact: true }).click();
    const page = p.getByRole('region', { name: 'Collections' });
    await page.getByRole('button', { name: 'Run collection' }).click();
    await poll(() => textNow(page.getByRole('status'))).toMatch(/^1 passed, 1 failed in /);
    const requests = page.getByRole('list', { name: 'Requests' }).getByRole('listitem');
    expect(await requests.nth(0).innerText()).toMatch(/^PASS\s+upper/);
    expect(await page.getByRole('list', { name: 'Why lower failed' }).innerText()).toBe('body: expected "hi", got "HI"');
  });

  it('stops demo/echo with its switch: it leaves Started', async () => {
    const p = await openStudio();
    await poll(() => attributeNow(toggle(p, 'demo/echo'), 'aria-checked')).toBe('true');
    await toggle(p, 'demo/echo').click();
    // The switch turns off; the stopped plugin exits and removes its .pconf, so its row then goes.
    await poll(() => attributeNow(toggle(p, 'demo/echo'), 'aria-checked')).not.toBe('true');
    await poll(() => row(p, 'demo/echo').count()).toBe(0);
    const log = p.getByRole('region', { name: 'Activity log' });
    await poll(() => textNow(log)).toMatch(/(stopped|removed)\s+demo\/echo/);
  });
});
