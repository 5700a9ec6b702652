/**
 * A first start on an empty plugin folder, in Chromium against the real `goplug serve`: the empty
 * state explains the folder and starts the real sample plugins; then the list is driven from the
 * keyboard alone (`/` to filter, arrows to move, Enter to open, Space to switch).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeNow, launchStudio, poll, textNow, type StudioSession } from '../helpers/studioBrowser.js';

let studio: StudioSession;
let page: Page;

beforeAll(async () => {
  studio = await launchStudio();
  page = await studio.open();
}, 180_000);

afterAll(async () => {
  // goplug serve stops the samples it started when it stops.
  await studio?.close();
}, 60_000);

/** The focused element's accessible label, or its text when it has none (a group header). */
const focused = () =>
  page.evaluate<string | null>(
    'document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? null',
  );
const toggle = (id: string) => page.getByRole('switch', { name: `Toggle ${id}`, exact: true });

describe('getting started', () => {
  it('explains an empty folder, and "Start sample plugins here" fills it with running samples', async () => {
    const welcome = page.getByRole('region', { name: 'Getting started' });
    await poll(() => textNow(welcome)).toContain('No plugins yet');
    expect(await welcome.innerText()).toContain(studio.pluginDir);

    await welcome.getByRole('button', { name: 'Start sample plugins here' }).click();
    // Each sample is its own process, started by goplug serve: give them time on a busy machine.
    for (const id of ['demo/echo', 'demo/clock']) {
      await expect.poll(() => attributeNow(toggle(id), 'aria-checked'), { timeout: 30_000, interval: 100 }).toBe('true');
    }
    // LazyLoad: its process runs (Ready), not started, until it is used.
    await poll(() => textNow(page.getByRole('row').filter({ has: toggle('demo/kv') }))).toMatch(/Ready[^]*Lazy/);
    expect(await attributeNow(toggle('demo/kv'), 'aria-checked')).toBe('false');
    await poll(() => textNow(page.getByRole('status').filter({ hasText: 'sample plugin' }))).toMatch(
      /Started \d sample plugins: .*demo\/echo/,
    );
    expect(await welcome.count()).toBe(0);
  }, 60_000);

  it('works from the keyboard: / focuses the filter, Enter opens the first match, arrows move, Space picks and never switches', async () => {
    await toggle('demo/kv').waitFor();
    await page.locator('body').click({ position: { x: 700, y: 400 } });
    await page.keyboard.press('/');
    expect(await focused()).toBe('Filter plugins');

    // The filter narrows the list as one types; Enter opens the first match; Escape clears it.
    const switches = page.getByRole('treegrid', { name: 'Plugins' }).getByRole('switch');
    await page.keyboard.type('clock');
    await poll(() => switches.count()).toBe(1);
    expect(await switches.getAttribute('aria-label')).toBe('Toggle demo/clock');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'demo/clock', exact: true }).waitFor();
    // "/" again selects what was typed, so that the next letters replace it.
    await page.locator('body').click({ position: { x: 700, y: 400 } });
    await page.keyboard.press('/');
    await page.keyboard.type('method:ech');
    await poll(() => switches.count()).toBe(1);
    expect(await switches.getAttribute('aria-label')).toBe('Toggle demo/echo');
    await page.keyboard.press('Escape');
    await poll(() => switches.count()).toBeGreaterThanOrEqual(3);

    // Down from the filter: the demo group, then its plugins by name; rows say state and methods.
    await page.keyboard.press('ArrowDown');
    await poll(focused).toMatch(/^\W*demo\s*\d+$/);
    await page.keyboard.press('ArrowDown');
    await poll(focused).toMatch(/^demo\/clock, Started, \d+ methods?$/);
    await page.keyboard.press('ArrowDown');
    await poll(focused).toMatch(/^demo\/echo, Started, \d+ methods?$/);
    await page.keyboard.press('ArrowUp');
    await poll(focused).toMatch(/^demo\/clock,/);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'demo/clock', exact: true }).waitFor();

    // End: the last plugin, demo/kv; Space opens and picks it, and leaves it as it was.
    await page.keyboard.press('End');
    await poll(focused).toBe('demo/kv, Ready, Lazy');
    await page.keyboard.press(' ');
    await page.getByRole('region', { name: 'demo/kv', exact: true }).waitFor();
    expect(await attributeNow(page.getByRole('row', { name: /^demo\/kv,/ }), 'aria-selected')).toBe('true');
    expect(await attributeNow(toggle('demo/kv'), 'aria-checked')).toBe('false');

    // Shift+Up picks demo/echo too: the bar offers to start the one that is not started.
    await page.keyboard.press('Shift+ArrowUp');
    const bar = page.getByRole('toolbar', { name: 'Picked plugins' });
    await poll(() => textNow(bar)).toContain('2 picked');
    await bar.getByRole('button', { name: 'Start selected (1)' }).click();
    await poll(() => attributeNow(toggle('demo/kv'), 'aria-checked')).toBe('true');
    expect(await attributeNow(toggle('demo/echo'), 'aria-checked')).toBe('true');
  });

  it('Escape closes Settings, back to the plugin that was open; a method chip puts the caret in the request body', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settingsShown = page.getByRole('button', { name: 'Settings', exact: true });
    await poll(() => attributeNow(settingsShown, 'aria-pressed')).toBe('true');
    await page.keyboard.press('Escape');
    await poll(() => attributeNow(settingsShown, 'aria-pressed')).toBe('false');
    const detail = page.getByRole('region', { name: 'demo/kv', exact: true });
    await detail.waitFor();

    await detail.getByRole('tab', { name: 'Overview', exact: true }).click();
    await detail.getByRole('region', { name: 'Methods' }).getByRole('button').first().click();
    await poll(focused).toBe('Request body');
  });

  it('at 1280×800 and the default list width, every column but the socket can be sorted by (methods and pid on a second header line)', async () => {
    const methods = page.getByRole('columnheader', { name: 'Methods' });
    expect(await methods.isVisible()).toBe(true);
    expect(await page.getByRole('columnheader', { name: 'Pid · uptime' }).isVisible()).toBe(true);
    expect(await page.getByRole('columnheader', { name: 'Socket' }).isVisible()).toBe(false);
    await methods.getByRole('button').click();
    await poll(() => attributeNow(methods, 'aria-sort')).toBe('ascending');
    const name = page.getByRole('columnheader', { name: /^Name/ });
    await name.getByRole('button').click();
    await poll(() => attributeNow(name, 'aria-sort')).toBe('ascending');
  });

  it('remembers after a reload: the list width set from the keyboard, the folded activity log, grouping by folder', async () => {
    const width = page.getByRole('separator', { name: 'Plugin list width' });
    const before = Number(await width.getAttribute('aria-valuenow'));
    await width.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await poll(() => attributeNow(width, 'aria-valuenow')).toBe(String(before + 32));
    const listBox = async () => (await page.getByRole('region', { name: 'Plugin list' }).boundingBox())?.width ?? 0;
    const shownWidth = await listBox();

    await page.getByRole('region', { name: 'Activity log' }).getByRole('button', { name: /Activity/, expanded: true }).click();
    expect(await page.getByRole('separator', { name: 'Activity log height' }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Group by' }).selectOption('folder');

    await page.reload();
    await page.getByRole('row', { name: /^demo\/echo,/ }).waitFor();
    expect(await attributeNow(width, 'aria-valuenow')).toBe(String(before + 32));
    expect(await listBox()).toBe(shownWidth);
    await page.getByRole('region', { name: 'Activity log' }).getByRole('button', { name: /Activity/, expanded: false }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Group by' }).inputValue()).toBe('folder');
    // The folder's group, named by its path, holds the samples.
    await page.getByRole('row', { name: new RegExp(studio.pluginDir) }).waitFor();
  });
});
