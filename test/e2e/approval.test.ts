/**
 * Approval in web mode, in Chromium against the real `goplug serve` (issue 13 §2): a launch
 * manifest in the watched folder is listed as waiting for approval with its exact command line
 * and does not run; the page's Approve only makes `goplug serve` print a one-time code in its
 * terminal; a wrong code is refused; the printed code, typed in, approves it and the plugin
 * runs. Its runs are counted in a file, so "does not run" is seen, not assumed.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLine } from '../../src/core/launcher/approvals.js';
import { parseManifest } from '../../src/core/launcher/index.js';
import { FIXTURE_PLUGIN } from '../helpers/fixturePlugin.js';
import { launchStudio, poll, textNow, type StudioSession } from '../helpers/studioBrowser.js';

const ID = 'test/fixture';
const LAUNCH = { timeout: 30_000, interval: 100 };

let studio: StudioSession;
let page: Page;

beforeAll(async () => {
  studio = await launchStudio();
}, 180_000);

afterAll(async () => {
  await studio?.close();
}, 60_000);

describe('a launch manifest waiting for approval, in the page', () => {
  it('shows the exact command, runs nothing, and runs once the code from the terminal is typed in', async () => {
    const counter = join(studio.dataDir, 'runs');
    const manifestPath = join(studio.pluginDir, 'testfixture.plugin.json');
    const text = JSON.stringify({
      name: 'fixture',
      namespace: 'test',
      command: process.execPath,
      args: [FIXTURE_PLUGIN],
      env: { FIXTURE_COUNTER: counter },
      autoStart: true,
    });
    await writeFile(manifestPath, text, { mode: 0o600 });
    const parsed = parseManifest(Buffer.from(text), manifestPath);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const expected = commandLine(parsed.manifest);

    page = await studio.open();
    const row = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: ID, exact: true }) });
    await poll(() => textNow(row)).toContain('Stopped');
    await page.getByRole('button', { name: ID, exact: true }).click();
    const card = page
      .getByRole('region', { name: ID, exact: true })
      .getByRole('region', { name: 'Waiting for approval' });
    await poll(() => textNow(card)).toContain(expected);
    expect(existsSync(counter)).toBe(false);

    // Approve… only makes goplug serve print a code where the person sees it.
    await card.getByRole('button', { name: 'Approve…' }).click();
    const code = await studio.serve.process.waitForOutput(
      (out) =>
        new RegExp(`Approval code for ${ID} \\(${manifestPath}\\): (\\d{6})\\n {2}it approves: `).exec(
          out,
        )?.[1],
      'the approval code in the terminal',
    );
    const input = card.getByRole('textbox', { name: 'Approval code' });
    await input.fill(code === '123456' ? '654321' : '123456');
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await poll(() => textNow(card)).toContain('wrong or expired code');
    expect(existsSync(counter)).toBe(false);

    await input.fill(code);
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => textNow(row), LAUNCH).toContain('Started');
    expect(await card.count()).toBe(0);
    expect(await readFile(counter, 'utf8')).toBe('1');
  }, 90_000);
});
