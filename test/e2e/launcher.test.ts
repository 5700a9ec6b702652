/**
 * A plugin launched by the Studio, in Chromium against the real `goplug serve`: a launch manifest
 * for the compiled demo echo plugin is dropped into the watched folder; the plugin is listed as
 * Stopped, its switch launches the process (Started, with its pid), its Logs tab shows what it
 * printed, and the switch stops it again (listed as Stopped, the process gone).
 *
 * And approval in web mode (issue 13 §2): a manifest is listed as waiting for approval with its
 * exact command line and does not run; the page's Approve only makes `goplug serve` print a
 * one-time code in its terminal; a wrong code is refused; the printed code, typed in, approves it
 * and the plugin runs. Its runs are counted in a file, so "does not run" is seen, not assumed.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLine } from '../../src/core/launcher/approvals.js';
import { parseManifest } from '../../src/core/launcher/index.js';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import * as ui from '../helpers/studioUi.js';
import { FIXTURE_PLUGIN } from '../helpers/fixturePlugin.js';
import { GOPLUG_BIN } from '../helpers/goplugProcess.js';
import { isGone } from '../helpers/processState.js';
import { attributeNow, launchStudio, poll, textNow, type StudioSession } from '../helpers/studioBrowser.js';

const ID = 'demo/echo';
const FIXTURE_ID = 'test/fixture';
/** Launching a process and waiting for its socket takes longer than a click on a busy machine. */
const LAUNCH = { timeout: 30_000, interval: 100 };

let studio: StudioSession;
let page: Page;

beforeAll(async () => {
  studio = await launchStudio();
}, 180_000);

afterAll(async () => {
  // goplug serve stops what it launched when it stops.
  await studio?.close();
}, 60_000);

const row = (p: Page): Locator => ui.row(p, ID);
const toggle = (p: Page): Locator => p.getByRole('switch', { name: `Toggle ${ID}`, exact: true });

describe('a plugin launched from its manifest', () => {
  it('is listed as Stopped, starts with its switch, shows its output, and stops with its switch', async () => {
    const manifestPath = join(studio.pluginDir, 'demoecho.plugin.json');
    const manifest = {
      name: 'echo',
      namespace: 'demo',
      command: process.execPath,
      args: [join(REPO_ROOT, 'dist', 'demo', 'echo.js')],
      autoStart: false,
      restart: 'on-failure',
    };
    await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
    // The person approves its command in a terminal (the page alone cannot: see below).
    await promisify(execFile)(process.execPath, [
      GOPLUG_BIN,
      'trust',
      manifestPath,
      '--data-dir',
      studio.dataDir,
    ]);
    page = await studio.open();

    // Known by its manifest alone: listed, Stopped, switched off.
    await poll(() => textNow(row(page))).toContain('Stopped');
    expect(await attributeNow(toggle(page), 'aria-checked')).toBe('false');
    await row(page).click();
    const detail = page.getByRole('region', { name: ID, exact: true });
    await poll(() => textNow(detail.getByRole('region', { name: 'Launch manifest' }))).toContain(
      manifestPath,
    );

    // The switch launches the process: Started, with its pid on the row and in Overview.
    await toggle(page).click();
    await expect.poll(() => attributeNow(toggle(page), 'aria-checked'), LAUNCH).toBe('true');
    await poll(() => textNow(row(page))).toMatch(/Started[^]*pid \d+ · up \d+ s/);
    const pid = Number(/pid (\d+)/.exec(await row(page).innerText())?.[1]);
    expect(pid).toBeGreaterThan(0);
    await poll(() => textNow(detail.getByRole('region', { name: 'Process' }))).toMatch(
      new RegExp(`PID\\s+${pid}\\b`),
    );

    // Its Logs tab: the readiness line the SDK prints, with its time, on stdout.
    await detail.getByRole('tab', { name: 'Logs', exact: true }).click();
    const output = detail.getByRole('list', { name: `Output of ${ID}` });
    const sock = join(studio.pluginDir, 'demoecho.sock');
    await poll(() => textNow(output)).toContain(`goplug: demo/echo ready on ${sock}`);
    const ready = output.getByRole('listitem').filter({ hasText: 'goplug: demo/echo ready on' });
    expect(await ready.innerText()).toMatch(/^\d\d:\d\d:\d\d\.\d{3}\s+out\s+goplug: demo\/echo ready on/);
    await detail.getByRole('searchbox', { name: 'Search logs' }).fill('no such text');
    await poll(() => textNow(detail)).toContain('No line matches.');
    await detail.getByRole('searchbox', { name: 'Search logs' }).fill('');
    await poll(() => textNow(output)).toContain('ready on');

    // The switch stops it: still listed, Stopped, the process gone.
    await toggle(page).click();
    await expect.poll(() => textNow(row(page)), LAUNCH).toContain('Stopped');
    expect(await attributeNow(toggle(page), 'aria-checked')).toBe('false');
    expect(isGone(pid)).toBe(true);
    await poll(() => textNow(output)).toMatch(/stopped|exited/);
  }, 120_000);
});

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

    const page = await studio.open();
    const fixtureRow = ui.row(page, FIXTURE_ID);
    await poll(() => textNow(fixtureRow)).toContain('Stopped');
    await fixtureRow.click();
    const card = page
      .getByRole('region', { name: FIXTURE_ID, exact: true })
      .getByRole('region', { name: 'Waiting for approval' });
    await poll(() => textNow(card)).toContain(expected);
    expect(existsSync(counter)).toBe(false);

    // Approve… only makes goplug serve print a code where the person sees it.
    await card.getByRole('button', { name: 'Approve…' }).click();
    const code = await studio.serve.process.waitForOutput(
      (out) =>
        new RegExp(
          `Approval code for ${FIXTURE_ID} \\(${manifestPath}\\): (\\d{6})\\n {2}it approves: `,
        ).exec(out)?.[1],
      'the approval code in the terminal',
    );
    const input = card.getByRole('textbox', { name: 'Approval code' });
    await input.fill(code === '123456' ? '654321' : '123456');
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await poll(() => textNow(card)).toContain('wrong or expired code');
    expect(existsSync(counter)).toBe(false);

    await input.fill(code);
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => textNow(fixtureRow), LAUNCH).toContain('Started');
    expect(await card.count()).toBe(0);
    expect(await readFile(counter, 'utf8')).toBe('1');
  }, 90_000);
});
