/**
 * ui.big_response_ms: a console request whose answer is a 30 MiB JSON body (bench/servers/
 * bigBodyPlugin.ts), in a fresh page each time. Inside the page, from the click on Send: long
 * tasks (PerformanceObserver, as ui.state_changes takes them) until a quiet while after the
 * response shows, and the time to the frame that shows it. The longest task is how long the
 * page could not answer the user; the goal is at most 200 ms. Then the same for "Show all"
 * (where the page offers it), to the frame after the whole body is laid out.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { withDeadline } from '../../src/core/withDeadline.js';
import type { BenchResult } from './result.js';
import { repoRoot } from './repoRoot.js';
import { percentile, round } from './stats.js';
import { STEP_TIMEOUT_MS, StudioPage } from './studioPage.js';

/** After the response shows, how long long tasks are still counted (layout, a late render). */
const QUIET_MS = 2000;
/** A 30 MiB body took about 21 s to show before the page learnt to show large bodies in part. */
const SHOW_TIMEOUT_MS = 120_000;

interface Sample {
  /** null: not shown within SHOW_TIMEOUT_MS. */
  shownMs: number | null;
  longTasks: number[];
  /** What the response pane said instead, when it did not show. */
  pane: string;
  /** "Show all", where offered: to the whole body laid out (null: not within the deadline). */
  showAll: { ms: number | null; longTasks: number[] } | null;
}

async function oneSample(browser: Browser, url: string, id: string, probe: string): Promise<Sample> {
  const page = await StudioPage.open(browser, url);
  try {
    await page.firstPaint();
    await page.row(id).click();
    await page.page.getByRole('tab', { name: 'Console', exact: true }).click();
    await page.page.getByRole('combobox', { name: 'Method', exact: true }).fill('Big');
    await sleep(500);
    return await withDeadline(
      page.page.evaluate(
        `${probe}\nglobalThis.__goplugSendAndWatch(${JSON.stringify({ quietMs: QUIET_MS, timeoutMs: SHOW_TIMEOUT_MS })})`,
      ) as Promise<Sample>,
      SHOW_TIMEOUT_MS + QUIET_MS + STEP_TIMEOUT_MS,
      'the big response to show',
    );
  } finally {
    await page.close();
  }
}

export async function bigResponseFigures(
  browser: Browser,
  url: string,
  plugin: { id: string; bytes: number },
  samples: number,
  log: (message: string) => void,
): Promise<BenchResult> {
  const probe = await readFile(join(repoRoot(), 'bench', 'browser', 'sendAndWatch.js'), 'utf8');
  const taken: Sample[] = [];
  for (let i = 0; i < samples; i++) taken.push(await oneSample(browser, url, plugin.id, probe));
  const longest = taken.map((s) => Math.max(0, ...s.longTasks)).sort((a, b) => a - b);
  const shown = taken.flatMap((s) => (s.shownMs === null ? [] : [s.shownMs])).sort((a, b) => a - b);
  for (const s of taken.filter((t) => t.shownMs === null)) log(`the response did not show; the pane said: ${s.pane}`);
  return {
    id: 'ui.big_response_ms',
    max_long_task_ms: round(percentile(longest, 1)),
    p50_max_long_task_ms: round(percentile(longest, 0.5)),
    shown_p50_ms: shown.length > 0 ? round(percentile(shown, 0.5)) : null,
    not_shown: taken.length - shown.length,
    long_task_total_p50_ms: round(
      percentile(
        taken.map((s) => s.longTasks.reduce((sum, v) => sum + v, 0)).sort((a, b) => a - b),
        0.5,
      ),
    ),
    ...showAllFigures(taken),
    samples: taken.length,
    body_mib: round(plugin.bytes / 2 ** 20),
  };
}

function showAllFigures(taken: readonly Sample[]): Record<string, number | null> {
  const all = taken.flatMap((s) => (s.showAll === null ? [] : [s.showAll]));
  const done = all.flatMap((a) => (a.ms === null ? [] : [a.ms])).sort((a, b) => a - b);
  const longest = all.map((a) => Math.max(0, ...a.longTasks)).sort((a, b) => a - b);
  return {
    show_all_p50_ms: done.length > 0 ? round(percentile(done, 0.5)) : null,
    show_all_max_long_task_ms: longest.length > 0 ? round(percentile(longest, 1)) : null,
  };
}
