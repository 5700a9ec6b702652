/**
 * The editors' code (CodeMirror) is not part of the first script: in Chromium against the real
 * `goplug serve`, the plugin list paints without it, the console and the pconf view fetch it from
 * the Studio's own files under the page's Content-Security-Policy, and the editor then works. When
 * those files cannot be fetched (the browser's request fails), the editor's place says so.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/contentSecurityPolicy.js';
import { launchStudio, poll, textNow, type StudioSession } from '../helpers/studioBrowser.js';
import { row } from '../helpers/studioUi.js';

const ID = 'test/lazy';

let studio: StudioSession;
let page: Page | undefined;
/** The scripts the Studio's index.html names: everything else is loaded later, on demand. */
let entryScripts: string[];

beforeAll(async () => {
  studio = await launchStudio();
  // Discovered and lazy: listed, with a console and a pconf view, and never started here.
  const conf = {
    Name: 'lazy',
    NameSpace: 'test',
    Url: 'unix',
    Sock: join(studio.pluginDir, 'lazy.sock'),
    LazyLoad: true,
  };
  await writeFile(join(studio.pluginDir, 'testlazy.pconf'), JSON.stringify(conf));
  const index = await (await fetch(studio.serve.baseUrl)).text();
  entryScripts = [...index.matchAll(/<script[^>]* src="\.?(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(entryScripts.length).toBeGreaterThan(0);
}, 180_000);

afterAll(async () => {
  await page?.context().close();
  await studio?.close();
}, 60_000);

/** A fresh page that records the scripts it fetched and the CSP violations Chromium reports. */
async function openStudio(beforeLoad?: (page: Page) => void) {
  await page?.context().close();
  const scripts: Response[] = [];
  const violations: string[] = [];
  page = await studio.open({
    beforeLoad: (p) => {
      p.on('response', (r) => {
        if (new URL(r.url()).pathname.endsWith('.js')) scripts.push(r);
      });
      p.on('console', (m) => {
        if (m.type() === 'error' && m.text().includes('Content Security Policy')) violations.push(m.text());
      });
      beforeLoad?.(p);
    },
  });
  return { page, scripts, violations };
}

async function openTab(p: Page, tab: 'Console' | 'pconf'): Promise<void> {
  await row(p, ID).click();
  await p.getByRole('region', { name: ID, exact: true }).getByRole('tab', { name: tab, exact: true }).click();
}

const paths = (scripts: Response[]) => scripts.map((r) => new URL(r.url()).pathname);

describe('the editors, loaded on first use', () => {
  it('paints the list without them, then the console and pconf view load them under the CSP and work', async () => {
    const { page: p, scripts, violations } = await openStudio();
    await row(p, ID).waitFor();
    expect(paths(scripts)).toEqual(entryScripts);

    await openTab(p, 'Console');
    const body = p.getByRole('textbox', { name: 'Request body', exact: true });
    await body.fill('{"typed": "after the lazy load"}');
    await poll(() => textNow(body)).toBe('{"typed": "after the lazy load"}');
    // The Format button works on what the editor holds.
    await p.getByRole('button', { name: 'Format', exact: true }).click();
    await poll(() => textNow(body)).toContain('"typed": "after the lazy load"\n}');

    const later = scripts.slice(entryScripts.length);
    expect(later.length).toBeGreaterThan(0);
    for (const reply of later) {
      expect(reply.status(), reply.url()).toBe(200);
      const headers = await reply.allHeaders();
      expect(headers['content-type'], reply.url()).toBe('text/javascript; charset=utf-8');
      expect(headers['content-security-policy'], reply.url()).toBe(CONTENT_SECURITY_POLICY);
      expect(headers['x-content-type-options'], reply.url()).toBe('nosniff');
    }

    await openTab(p, 'pconf');
    const raw = p.getByRole('textbox', { name: 'Contents of testlazy.pconf', exact: true });
    await poll(() => textNow(raw)).toContain('"NameSpace":"test"');
    expect(violations).toEqual([]);
  });

  it('fetches them once a plugin is selected, before a tab that needs them is opened', async () => {
    const { page: p, scripts } = await openStudio();
    await row(p, ID).click();
    await p
      .getByRole('region', { name: ID, exact: true })
      .getByRole('tab', { name: 'Overview', exact: true })
      .waitFor();
    await poll(() => paths(scripts).length).toBeGreaterThan(entryScripts.length);
    // The Overview shows no editor: the code is there for the Console or pconf tab.
    expect(await p.getByRole('textbox', { name: 'Request body', exact: true }).count()).toBe(0);
    await openTab(p, 'Console');
    await p.getByRole('textbox', { name: 'Request body', exact: true }).waitFor();
  });

  it("says in the editor's place that it could not be loaded when its file cannot be fetched", async () => {
    const { page: p } = await openStudio((p) => {
      void p.route('**/assets/*.js', (route) =>
        entryScripts.includes(new URL(route.request().url()).pathname)
          ? route.continue()
          : route.abort('failed'),
      );
    });
    await openTab(p, 'Console');
    const failed = p.getByRole('alert', { name: 'Request body', exact: true });
    await poll(() => textNow(failed)).toContain('EDITOR_NOT_LOADED');
    expect(await failed.innerText()).toContain('The editor could not be loaded');
    await failed.getByRole('button', { name: 'Reload the window', exact: true }).waitFor();
    // The rest of the console is still there.
    await p.getByRole('combobox', { name: 'Method', exact: true }).fill('Echo');
  });
});
