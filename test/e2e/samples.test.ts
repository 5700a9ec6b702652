/**
 * GoPlug Studio in Chromium against the real `goplug serve`, with the real sample plugins of
 * `goplug demo` in its folder: what a user sees and does, found by role and accessible name.
 *
 * One server, one browser and one set of samples for the whole file. Stopping a sample ends its
 * process (as the Go plugin does), so the test that stops demo/echo comes last.
 */
import { readFileSync } from 'node:fs';
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
  it('lists every sample with its state badge: started ones switched on, the lazy kv Ready (its process runs)', async () => {
    expect(studio.sampleIds).toEqual(expect.arrayContaining(['demo/echo', 'demo/clock', 'demo/kv']));
    const p = await openStudio();
    for (const id of studio.sampleIds) {
      const lazy = id === 'demo/kv';
      await poll(() => attributeNow(toggle(p, id), 'aria-checked')).toBe(lazy ? 'false' : 'true');
      // Ready once the process serving its socket is known (a look-up just after discovery).
      await poll(() => row(p, id).innerText()).toContain(lazy ? 'Ready' : 'Started');
      if (lazy) expect(await row(p, id).innerText()).toContain('Lazy');
    }
    await expect(p.getByRole('row', { name: /demo/i, expanded: true }).innerText()).resolves.toMatch(
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

  it("offers demo/kv's described methods: choosing Set fills in its example and shows what it does", async () => {
    const p = await openStudio();
    await openTab(p, 'demo/kv', 'Console');
    await p.getByRole('combobox', { name: 'Method', exact: true }).click();
    const options = p.getByRole('listbox', { name: 'Method' }).getByRole('option');
    await poll(() => options.count()).toBe(4);
    await options.filter({ hasText: /^Set/ }).click();
    const body = p.getByRole('textbox', { name: 'Request body', exact: true });
    await poll(() => textNow(body)).toContain('"greeting"');
    expect(await textNow(body)).toContain('"value": "hello"');
    await poll(() => textNow(p.getByLabel('Method description'))).toContain('Stores any JSON value under a key');
    expect(await attributeNow(p.getByRole('button', { name: 'JSON', exact: true }), 'aria-pressed')).toBe('true');
    const response = p.getByRole('region', { name: 'Response', exact: true });
    await p.getByRole('button', { name: 'Send', exact: true }).click();
    await response.getByTitle('HTTP status 200').waitFor();
  });

  it('shows the notifications of a callback subscription as they arrive', async () => {
    const p = await openStudio();
    await openTab(p, 'demo/clock', 'Callbacks');
    await p.getByRole('combobox', { name: 'Callback name', exact: true }).fill('tick');
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

  // Issue 14 §2: a sample killed the hard way; `goplug demo` (another terminal, as far as the
  // Studio knows) removes its files and starts it again.
  it('kill -9 of demo/clock: the page says its process ended; back again, its history goes on and the restart is counted', async () => {
    const p = await openStudio();
    await poll(() => attributeNow(toggle(p, 'demo/clock'), 'aria-checked')).toBe('true');
    const pid = pconfPid('democlock.pconf');
    await openTab(p, 'demo/clock', 'Overview');
    const detail = p.getByRole('region', { name: 'demo/clock', exact: true });
    const runs = detail.getByRole('region', { name: 'How it runs', exact: true });
    await poll(() => textNow(runs)).toContain(`started outside this Studio (pid ${pid})`);
    expect(await runs.innerText()).toMatch(/Started by\s+.*goplug.* demo/);

    process.kill(pid, 'SIGKILL');
    const history = detail.getByRole('region', { name: 'State history', exact: true });
    await poll(() => textNow(history)).toContain(`process ended (pid ${pid} is gone)`);
    expect(await history.innerText()).not.toContain('.pconf removed');
    await poll(() => pconfPid('democlock.pconf')).not.toBe(pid);
    await poll(() => attributeNow(toggle(p, 'demo/clock'), 'aria-checked')).toBe('true');
    await poll(() => textNow(runs)).toContain('1 restart');
    expect(await runs.innerText()).toContain(`pid ${pconfPid('democlock.pconf')}`);
  });

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

  // Last: stopping demo/echo ends its process, as in the Go original. The first
  // paragraph: the Studio asks first, the plugin stays listed, Stopped, with its history, and
  // its switch starts it again (a sample's command is one the Studio knows).
  it('stops demo/echo after asking; it stays listed as Stopped, its switch starts it again, Forget removes it', async () => {
    const p = await openStudio();
    await poll(() => attributeNow(toggle(p, 'demo/echo'), 'aria-checked')).toBe('true');
    const pid = pconfPid('demoecho.pconf');
    await toggle(p, 'demo/echo').click();
    const dialog = p.getByRole('dialog', { name: 'Stop demo/echo?' });
    await dialog.waitFor();
    const asked = await dialog.innerText();
    expect(asked).toContain(`started outside this Studio (pid ${pid})`);
    expect(asked).toContain('Stopping it ends its process. The Studio can start it again (it knows its command).');
    await p.keyboard.press('Escape');
    await poll(() => dialog.count()).toBe(0);
    expect(await attributeNow(toggle(p, 'demo/echo'), 'aria-checked')).toBe('true');

    await toggle(p, 'demo/echo').click();
    await dialog.getByRole('button', { name: 'Stop', exact: true }).click();
    await poll(() => attributeNow(toggle(p, 'demo/echo'), 'aria-checked')).toBe('false');
    // Its process exits and removes its .pconf: the row stays, Stopped.
    await poll(() => textNow(row(p, 'demo/echo'))).toContain('Stopped');
    await openTab(p, 'demo/echo', 'Overview');
    const detail = p.getByRole('region', { name: 'demo/echo', exact: true });
    await poll(() => textNow(detail)).toContain('gone: these are its last values');
    expect(await detail.innerText()).not.toContain('is not here');

    await toggle(p, 'demo/echo').click();
    await poll(() => attributeNow(toggle(p, 'demo/echo'), 'aria-checked')).toBe('true');
    const runs = detail.getByRole('region', { name: 'How it runs', exact: true });
    await poll(() => textNow(runs)).toContain('launched by this Studio');
    expect(await runs.innerText()).toContain('1 restart');
    const history = await detail.getByRole('region', { name: 'State history', exact: true }).innerText();
    expect(history.match(/\bstarted\b/g)?.length).toBeGreaterThanOrEqual(2);

    // Launched by the Studio now: its stop needs no question.
    await toggle(p, 'demo/echo').click();
    await poll(() => textNow(row(p, 'demo/echo'))).toContain('Stopped');
    expect(await dialog.count()).toBe(0);
    await runs.getByRole('button', { name: 'Forget demo/echo', exact: true }).click();
    await poll(() => row(p, 'demo/echo').count()).toBe(0);
    const log = p.getByRole('region', { name: 'Activity log' });
    await poll(() => textNow(log)).toMatch(/forgotten\s+demo\/echo/);
  });
});

/** The Pid a sample announced in its .pconf (the TypeScript SDK writes it). */
function pconfPid(file: string): number {
  return (JSON.parse(readFileSync(join(studio.pluginDir, file), 'utf8')) as { Pid: number }).Pid;
}
