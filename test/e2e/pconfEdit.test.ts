/**
 * Fixing a broken .pconf in the Studio page, in Chromium against the real `goplug serve`: a
 * person started a plugin by hand (a real process on a real socket) and wrote its .pconf with a
 * typo. The page lists the file among the problems, the person edits it there, sees the mistake
 * at its line and column as they type, saves, and the plugin appears, started.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { killAllPluginProcesses, startPluginProcess } from '../helpers/pluginProcess.js';
import { launchStudio, poll, textNow, type StudioSession } from '../helpers/studioBrowser.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { row } from '../helpers/studioUi.js';

let studio: StudioSession;
let elsewhere: Awaited<ReturnType<typeof tempFolder>>;
let page: Page;

beforeAll(async () => {
  studio = await launchStudio();
  elsewhere = await tempFolder('gp-e2e-own-');
}, 180_000);

afterAll(async () => {
  await killAllPluginProcesses();
  await studio?.close();
  await elsewhere?.remove();
}, 60_000);

describe('fixing a broken .pconf in the page', () => {
  it('shows the mistake at its line and column while typing, saves, and the plugin appears', async () => {
    // The plugin runs on its own socket, outside the watched folder; only the .pconf is ours to write.
    const echo = await startPluginProcess(process.execPath, [
      join(REPO_ROOT, 'dist/demo/echo.js'),
      '--dir',
      elsewhere.path,
    ]);
    const path = join(studio.pluginDir, 'demoecho.pconf');
    const typo = `{\n  "Name": "echo",\n  "NameSpace": "demo",\n  "Sock": ${JSON.stringify(echo.sock)},\n  "LazyLoad": "no"\n}\n`;
    await writeFile(path, typo);

    page = await studio.open({ viewport: { width: 900, height: 700 } });
    const problems = page.getByRole('region', { name: 'Problems', exact: true });
    await problems.getByRole('button', { name: /demoecho\.pconf/ }).click();
    const pconf = page.getByRole('region', { name: 'pconf', exact: true });
    await poll(() => textNow(pconf.getByRole('list', { name: 'Issues' }))).toMatch(
      /Error\s+line 5:15\s+wrong types: LazyLoad must be a boolean \(found string "no"\)/,
    );

    await pconf.getByRole('button', { name: 'Edit the file', exact: true }).click();
    const editor = pconf.getByRole('textbox', { name: 'Edit demoecho.pconf', exact: true });
    await poll(() => textNow(editor)).toContain('"LazyLoad": "no"');
    // A slip while fixing it: marked where it is, before any save.
    await editor.fill(typo.replace('"no"', 'flase'));
    await poll(() => textNow(pconf.getByRole('list', { name: 'Issues' }))).toMatch(
      /Error\s+line 5:16\s+invalid JSON at line 5 column 16: unexpected character 'l'/,
    );
    expect(await textNow(pconf)).toContain('Not a valid .pconf yet.');
    await editor.fill(typo.replace('"no"', 'false'));
    await poll(() => textNow(pconf)).toContain('A valid .pconf.');
    await pconf.getByRole('button', { name: 'Save', exact: true }).click();

    await poll(() => textNow(row(page, 'demo/echo'))).toContain('Started');
    expect(await readFile(path, 'utf8')).toBe(typo.replace('"no"', 'false'));
    expect(await problems.count()).toBe(0);
    await page.getByRole('button', { name: 'Open plugin demo/echo', exact: true }).click();
    const detail = page.getByRole('region', { name: 'demo/echo', exact: true });
    await detail.getByRole('tab', { name: 'Overview', exact: true }).waitFor();

    // At 900×700 the pconf view keeps its tables inside the pane: nothing cut on the right.
    await detail.getByRole('tab', { name: 'pconf', exact: true }).click();
    await poll(() => textNow(pconf)).toMatch(/Reachable\s+yes/);
    const right = async (l: ReturnType<Page['locator']>) => {
      const box = await l.boundingBox();
      return box ? box.x + box.width : Number.NaN;
    };
    const paneRight = await right(pconf);
    const tables = pconf.getByRole('table');
    expect(await tables.count()).toBeGreaterThanOrEqual(1);
    for (const table of await tables.all()) expect(await right(table)).toBeLessThanOrEqual(paneRight);
    expect(await pconf.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }, 60_000);
});
