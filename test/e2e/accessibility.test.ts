/**
 * An accessibility scan of every view of GoPlug Studio with axe-core (WCAG 2.1 A and AA rules) in
 * Chromium against the real `goplug serve`: the empty state, then with the samples the Studio
 * started: the list, the Overview, the console with a response and its history, Callbacks, the
 * .pconf view, a problem file, Logs and Settings; in light and dark, at 900×700 and 1280×800.
 * No serious or critical violation may remain; a failure lists each one (rule, element, why).
 *
 * One browser page for all of it (axe is injected once per load; the theme and size change in
 * place), so that the scan stays affordable in CI.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeNow, launchStudio, poll, textNow, type StudioSession } from '../helpers/studioBrowser.js';
import { openTab, row, send, toggle } from '../helpers/studioUi.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = [
  { width: 900, height: 700 },
  { width: 1280, height: 800 },
];
const THEMES = ['light', 'dark'] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

let studio: StudioSession;
let page: Page;
let axeSource: string;

beforeAll(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  studio = await launchStudio();
  page = await studio.open();
}, 180_000);

afterAll(async () => {
  // goplug serve stops the samples it started when it stops.
  await studio?.close();
}, 60_000);

/**
 * The serious and critical violations of the page as it is now. axe goes in through the
 * DevTools protocol (page.evaluate), which the page's Content-Security-Policy does not govern:
 * the page itself is scanned under its real policy.
 */
async function violations(): Promise<Violation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(`${axeSource}\n;0`);
  const found = await page.evaluate<Violation[], string[]>(async (tags) => {
    // The page's globals (this file is type-checked for Node, without the DOM's types).
    const inPage = globalThis as unknown as {
      document: unknown;
      axe: { run(context: unknown, options: object): Promise<{ violations: Violation[] }> };
    };
    const result = await inPage.axe.run(inPage.document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact: impact ?? null,
      help,
      nodes: nodes.map(({ target, failureSummary }) => ({ target: target.map(String), failureSummary })),
    }));
  }, TAGS);
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per element at fault: where, which rule, and axe's summary of how to fix it. */
function describe_(view: string, found: Violation[]): string[] {
  return found.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${view}: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${v.help}. ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`,
    ),
  );
}

/** Scans the view in every theme and size; returns what failed, described. */
async function scanEverywhere(view: string, ready: () => Promise<unknown>): Promise<string[]> {
  const failures: string[] = [];
  for (const colorScheme of THEMES) {
    await page.emulateMedia({ colorScheme });
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await ready();
      failures.push(
        ...describe_(`${view} [${colorScheme} ${viewport.width}×${viewport.height}]`, await violations()),
      );
    }
  }
  return failures;
}

describe('accessibility (axe-core, WCAG 2.1 AA): no serious or critical violation', () => {
  it('in the empty state', async () => {
    const failures: string[] = [];
    const welcome = page.getByRole('region', { name: 'Getting started' });
    failures.push(
      ...(await scanEverywhere('empty state', () =>
        poll(() => textNow(welcome)).toContain('No plugins yet'),
      )),
    );
    // The samples the next test scans, started by the Studio (so that their output is in Logs).
    await welcome.getByRole('button', { name: 'Start sample plugins here' }).click();
    for (const id of ['demo/echo', 'demo/clock']) {
      await expect
        .poll(() => attributeNow(toggle(page, id), 'aria-checked'), { timeout: 30_000, interval: 100 })
        .toBe('true');
    }
    expect(failures, `axe found serious or critical violations:\n${failures.join('\n')}`).toEqual([]);
  }, 120_000);

  it('in every view with plugins', async () => {
    // Every view is scanned before the verdict, so that one run shows all there is to fix.
    const failures: string[] = [];
    const detail = (id: string) => page.getByRole('region', { name: id, exact: true });
    failures.push(...(await scanEverywhere('list', () => row(page, 'demo/echo').waitFor())));
    // The list's own controls: two plugins picked (the bar to start or stop them), the filter's help.
    await row(page, 'demo/clock').click();
    await row(page, 'demo/echo').click({ modifiers: ['Shift'] });
    const help = page.getByRole('button', { name: /Filter help/ });
    await help.click();
    failures.push(
      ...(await scanEverywhere('list, picked, with help', () =>
        page.getByRole('toolbar', { name: 'Picked plugins' }).waitFor(),
      )),
    );
    await help.click();

    await row(page, 'demo/echo').click();
    failures.push(
      ...(await scanEverywhere('overview', () =>
        detail('demo/echo').getByRole('region', { name: 'Methods' }).waitFor(),
      )),
    );

    await openTab(page, 'demo/echo', 'Console');
    const response = await send(page, 'Echo', '{"greeting": "hello"}');
    await send(page, 'Upper', '"quiet"');
    failures.push(
      ...(await scanEverywhere('console', () => poll(() => textNow(response)).toContain('QUIET'))),
    );

    await openTab(page, 'demo/clock', 'Callbacks');
    await page.getByRole('combobox', { name: 'Callback name', exact: true }).fill('tick');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    const ticks = page.getByRole('list', { name: 'Notifications of tick' }).getByRole('listitem');
    failures.push(...(await scanEverywhere('callbacks', () => poll(() => ticks.count()).toBeGreaterThan(0))));

    await openTab(page, 'demo/echo', 'pconf');
    const pconf = page.getByRole('region', { name: 'pconf', exact: true });
    failures.push(
      ...(await scanEverywhere('pconf', () => poll(() => textNow(pconf)).toMatch(/Reachable\s+yes/))),
    );

    await detail('demo/echo').getByRole('tab', { name: 'Logs', exact: true }).click();
    failures.push(
      ...(await scanEverywhere('logs', () => page.getByRole('searchbox', { name: 'Search logs' }).waitFor())),
    );

    await writeFile(join(studio.pluginDir, 'broken.pconf'), '{"Name": "broken", "Sock": ');
    const problems = page.getByRole('region', { name: 'Problems', exact: true });
    await poll(() => textNow(problems)).toContain('broken.pconf');
    await problems.getByRole('button', { name: /broken\.pconf/ }).click();
    failures.push(
      ...(await scanEverywhere('problem file', () =>
        poll(() => textNow(pconf)).toContain('Not a valid .pconf'),
      )),
    );

    await pconf.getByRole('button', { name: 'Edit the file', exact: true }).click();
    const editor = pconf.getByRole('textbox', { name: 'Edit broken.pconf', exact: true });
    failures.push(...(await scanEverywhere('problem file, being edited', () => editor.waitFor())));

    // A collection of two requests, one whose expectation does not hold: the run lists a failure.
    const upper = { plugin: 'demo/echo', method: 'Upper', body: 'hi' };
    const collection = {
      name: 'smoke',
      requests: [
        { name: 'upper', ...upper, expect: { body: 'HI' } },
        { name: 'lower', ...upper, expect: { body: 'hi' } },
      ],
    };
    await writeFile(join(studio.pluginDir, 'smoke.collection.json'), JSON.stringify(collection));
    await page.getByRole('button', { name: 'Collections', exact: true }).click();
    const collections = page.getByRole('region', { name: 'Collections' });
    await collections.getByRole('button', { name: 'Run collection' }).click();
    failures.push(
      ...(await scanEverywhere('collection run', () =>
        poll(() => textNow(collections.getByRole('status'))).toMatch(/^1 passed, 1 failed/),
      )),
    );

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    failures.push(
      ...(await scanEverywhere('settings', () =>
        page.getByRole('heading', { name: 'Settings' }).first().waitFor(),
      )),
    );

    expect(failures, `axe found serious or critical violations:\n${failures.join('\n')}`).toEqual([]);
  }, 240_000);
});
