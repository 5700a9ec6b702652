/**
 * No plugin output can break the Studio page, and no name can lie (issue 13 §4, §5), in Chromium
 * against the real `goplug serve`, the real samples and a real plugin process written with the
 * SDK (test/fixtures/hostileOutputPlugin.mjs): its id is `demo/\u202Eohce` (shown raw it reads
 * "echo", beside the sample demo/echo), it answers with JSON 200,000 levels deep, 200,000 open
 * brackets and 2 MiB of text, and it sends the deep JSON as notifications.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { killAllPluginProcesses, startPluginProcess, type PluginProcess } from '../helpers/pluginProcess.js';
import { launchStudio, poll, textNow, type StudioSession } from '../helpers/studioBrowser.js';
import { row } from '../helpers/studioUi.js';

const ID = 'demo/\u202Eohce';
/** The id as the page must show it. */
const SHOWN_ID = 'demo/⟨U+202E⟩ohce';
const BIDI_AND_CONTROLS = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

let studio: StudioSession;
let hostile: PluginProcess;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  studio = await launchStudio({ samples: true });
  // The page first, so that its activity log sees the plugin arrive.
  page = await studio.open({ beforeLoad: (p) => p.on('pageerror', (err) => pageErrors.push(err.message)) });
  await row(page, 'demo/echo').waitFor();
  hostile = await startPluginProcess('node', [join(REPO_ROOT, 'test/fixtures/hostileOutputPlugin.mjs'), studio.pluginDir]);
}, 180_000);

afterAll(async () => {
  await studio?.close();
  await killAllPluginProcesses();
}, 60_000);

/** Text the page shows with a bidi or control character left raw in it (tabs and line breaks aside). */
async function rawHiddenCharacters(): Promise<string[]> {
  // A string, not a function: this file is type-checked without the DOM's types.
  const texts = (await page.evaluate(`(() => {
    const shown = [document.body.innerText];
    for (const option of document.querySelectorAll('option')) shown.push(option.label, option.text);
    for (const el of document.querySelectorAll('[aria-label],[title]')) {
      shown.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
    }
    return shown;
  })()`)) as string[];
  return texts.filter((t) => BIDI_AND_CONTROLS.test(t.replace(/[\t\n\r]/g, '')));
}

/** The Studio still works: #root has the app, and another plugin can be opened and used. */
async function expectPageWorks(): Promise<void> {
  expect(await page.evaluate("document.querySelector('#root')?.childElementCount ?? 0")).toBeGreaterThan(0);
  await row(page, 'demo/echo').click();
  await page.getByRole('region', { name: 'demo/echo', exact: true }).getByRole('heading', { level: 2 }).waitFor();
  await row(page, SHOWN_ID).click();
  expect(pageErrors).toEqual([]);
}

const detail = () => page.getByRole('region', { name: SHOWN_ID, exact: true });
const tab = (name: string) => detail().getByRole('tab', { name, exact: true }).click();
const response = () => page.getByRole('region', { name: 'Response', exact: true });

async function send(method: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Method', exact: true }).fill(method);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await poll(() => textNow(response())).toContain(`/${method}`);
  await response().getByTitle('HTTP status 200').waitFor();
}

describe('a plugin whose name and output are hostile', () => {
  it('is listed under its visible name, isolated, and no second "echo" appears', async () => {
    expect(hostile.id).toBe(ID);
    const list = page.getByRole('treegrid', { name: 'Plugins' });
    const shownRow = row(page, SHOWN_ID);
    await poll(() => textNow(shownRow)).toContain('⟨U+202E⟩ohce');
    const names = await list.locator('.row-name').allInnerTexts();
    expect(names.filter((n) => n === 'echo')).toHaveLength(1);
    expect(names).toContain('⟨U+202E⟩ohce');
    const isolation = await page.evaluate(`(() => {
      const name = document.querySelector('.plugin-row[aria-label^="${SHOWN_ID},"] .row-name');
      return [name?.tagName, name && getComputedStyle(name).unicodeBidi];
    })()`);
    expect(isolation).toEqual(['BDI', 'isolate']);
    expect(await rawHiddenCharacters()).toEqual([]);
  });

  it('shows the visible name in the header, the plugin picker and the activity log', async () => {
    await row(page, SHOWN_ID).click();
    await poll(() => textNow(detail().getByRole('heading', { level: 2 }))).toBe('⟨U+202E⟩ohce');
    await tab('Console');
    const picker = page.getByRole('combobox', { name: 'Plugin', exact: true });
    const options = await picker.locator('option').allInnerTexts();
    expect(options).toContain(SHOWN_ID);
    expect(options.some((o) => BIDI_AND_CONTROLS.test(o))).toBe(false);
    await poll(() => textNow(page.getByRole('region', { name: 'Activity log' }))).toContain(SHOWN_ID);
    expect(await rawHiddenCharacters()).toEqual([]);
  });

  it('answers with JSON 200,000 levels deep: shown as text with a note, the page keeps working', async () => {
    await send('Deep');
    await poll(() => textNow(response())).toContain('JSON nested more than 100 levels deep: shown as text');
    expect(await response().locator('[data-kind="deep"] pre').evaluate((el) => el.textContent?.length)).toBe(400_000);
    await send('Open');
    expect(await response().locator('[data-kind="text"]').evaluate((el) => el.textContent?.length)).toBe(200_000);
    await expectPageWorks();
  });

  it('answers with 2 MiB: the first part, then Show all and Save to file give all of it', async () => {
    await tab('Console');
    await send('Large');
    await poll(() => textNow(response())).toContain('Large body, 2.0 MiB');
    expect(await textNow(response())).not.toContain('END OF LARGE BODY');
    await response().getByRole('button', { name: 'Show all', exact: true }).click();
    await poll(() => response().locator('.large-body-all').evaluate((el) => el.textContent?.endsWith('END OF LARGE BODY'))).toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      response().getByRole('button', { name: 'Save to file', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Large.txt');
    const saved = await readFile(await download.path());
    expect(saved.length).toBeGreaterThan(2 * 1024 * 1024 - 100);
    expect(saved.toString('utf8').endsWith('\nEND OF LARGE BODY')).toBe(true);
    await expectPageWorks();
  });

  it('notifies with JSON 200,000 levels deep: previewed and expanded as text, #root never emptied', async () => {
    await tab('Callbacks');
    await page.getByRole('combobox', { name: 'Callback name', exact: true }).fill('deep');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    const list = page.getByRole('list', { name: 'Notifications of deep' });
    await poll(() => textNow(list)).toContain('[[[[[[[[');
    await list.getByRole('button').first().click();
    await poll(() => textNow(list)).toContain('JSON nested more than 100 levels deep: shown as text');
    await expectPageWorks();
    expect(await rawHiddenCharacters()).toEqual([]);
  });
});
