/**
 * The console's requests in Chromium against the real `goplug serve` and the real demo/echo: what
 * a person types is what is sent, Raw text goes as text, and any response can be saved to a
 * file, and a slow request can be cancelled (button, and Escape), which the history shows.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeNow, launchStudio, poll, textNow, type StudioSession } from '../helpers/studioBrowser.js';
import { openTab } from '../helpers/studioUi.js';

let studio: StudioSession;
let page: Page;

beforeAll(async () => {
  studio = await launchStudio({ samples: true });
}, 180_000);

afterAll(async () => {
  await studio?.close();
}, 60_000);

async function openConsole(): Promise<Page> {
  await page?.context().close();
  page = await studio.open();
  await openTab(page, 'demo/echo', 'Console');
  return page;
}

const responseOf = (p: Page) => p.getByRole('region', { name: 'Response', exact: true });
const historyOf = (p: Page) => p.getByRole('region', { name: 'History', exact: true });

describe('console requests in the browser', () => {
  it('sends what the person typed into a fresh body, as text in Raw mode, and curl says text/plain', async () => {
    const p = await openConsole();
    await p.getByRole('combobox', { name: 'Method', exact: true }).fill('Echo');
    // Click into the body and type, as a person does (no select-all first).
    await p.getByRole('textbox', { name: 'Request body', exact: true }).click();
    await p.keyboard.type('hello');
    await p.getByRole('button', { name: 'Raw', exact: true }).click();
    expect(await textNow(p.getByRole('status'))).not.toContain('Not valid JSON');
    await p.getByRole('button', { name: 'Send', exact: true }).click();
    const response = responseOf(p);
    await response.getByTitle('HTTP status 200').waitFor();
    const body = response.getByRole('tabpanel');
    await poll(() => textNow(body)).toBe('hello');

    await p.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await response.getByRole('button', { name: 'Copy as curl', exact: true }).click();
    await poll(() => p.evaluate<string>('navigator.clipboard.readText()')).toMatch(
      /-H 'Content-Type: text\/plain; charset=utf-8' --data-binary hello$/,
    );

    // Any response, small ones too, saves to a file with its exact bytes.
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      response.getByRole('button', { name: 'Save to file', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Echo.txt');
    expect(await readFile(await download.path(), 'utf8')).toBe('hello');
  });

  it('cancels a slow request with the Cancel button and with Escape; the history lists both as cancelled', async () => {
    const p = await openConsole();
    await p.getByRole('combobox', { name: 'Method', exact: true }).fill('Delay');
    await p.getByRole('textbox', { name: 'Request body', exact: true }).fill('600000');
    const send = p.getByRole('button', { name: 'Send', exact: true });
    const cancel = p.getByRole('button', { name: 'Cancel request', exact: true });

    await send.click();
    await poll(() => attributeNow(responseOf(p), 'aria-busy')).toBe('true');
    await cancel.click();
    await poll(() => attributeNow(responseOf(p), 'aria-busy')).toBeNull();
    await poll(() => textNow(responseOf(p))).toMatch(/Cancelled[^]*Delay to demo\/echo was cancelled after/);

    await send.click();
    await poll(() => attributeNow(responseOf(p), 'aria-busy')).toBe('true');
    await p.keyboard.press('Escape');
    await poll(() => attributeNow(responseOf(p), 'aria-busy')).toBeNull();

    const rows = historyOf(p).getByRole('listitem');
    await poll(() => rows.filter({ hasText: 'Cancelled' }).count()).toBe(2);
    expect(await rows.first().innerText()).toContain('Delay');
  });
});
