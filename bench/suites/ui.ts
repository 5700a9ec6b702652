/**
 * ui.*: GoPlug Studio in Chromium (playwright-core) against the real `goplug serve`,
 * on a folder of `plugins` plugins served by a few child processes (resident ones: they survive
 * Stop, so the state changes can go on). Every time is taken inside the page (see
 * bench/browser/studioProbe.js).
 * - ui.first_paint_ms: navigation start to the frame showing the first rows; interleaved with
 *   the same for an empty folder (a second `goplug serve`), the baseline.
 * - ui.first_editor_ms: in a fresh page, a plugin selected and its Console tab opened half a
 *   second later, to the frame showing the request editor (loaded on first use).
 * - ui.filter_ms: a keystroke in the filter box to the frame showing the updated list.
 * - ui.heap_mb: the page's JS heap after full garbage collections, against the empty page's.
 * - ui.state_changes: `changesPerSecond` start/stop toggles a second for `changeSeconds`, sent to
 *   the service API from outside the page: frames, long tasks, lag to the row showing the change,
 *   events coalesced, changes missed.
 * - ui.big_response_ms: a 30 MiB console answer in fresh pages: the longest main-thread task and
 *   the time until it shows (bench/lib/bigResponse.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { chromiumLabel, chromiumMissing, launchChromium } from '../lib/chromium.js';
import { bigResponseFigures } from '../lib/bigResponse.js';
import { startChild, type BenchChild } from '../lib/childProcess.js';
import { filterKeystrokes } from '../lib/filterKeys.js';
import {
  copyStudioWindow,
  startGoplugServe,
  studioBuildState,
  type GoplugServe,
} from '../lib/goplugServe.js';
import type { BenchResult } from '../lib/result.js';
import { driveToggles, stateChangeFigures } from '../lib/stateChanges.js';
import { percentile, round } from '../lib/stats.js';
import { StudioApiClient, waitUntilStarted } from '../lib/studioApi.js';
import { StudioPage, type FirstPaint } from '../lib/studioPage.js';
import type { Suite, SuiteContext } from '../lib/suite.js';
import type { BigBodyReady } from '../servers/bigBodyPlugin.js';
import type { ResidentFleetReady } from '../servers/residentFleet.js';

const NAMESPACE = 'ui';
/** Typed before the measured keystrokes: "/" matches plugin ids only, never a socket path. */
const FILTER_PREFIX = `${NAMESPACE}/p`;
/** How long the page may take to show the last state changes before they count as missed. */
const UNTIL_SHOWN_MS = 10_000;
/** The console answer of ui.big_response_ms. */
const BIG_BODY_MIB = 30;

interface Studio {
  full: GoplugServe;
  empty: GoplugServe;
  /** The full folder's service API, for driving and reading it from outside the page. */
  api: StudioApiClient;
  ids: string[];
  /** The plugin that answers with a BIG_BODY_MIB body. */
  big: BigBodyReady;
  browser: Browser;
}

export const uiSuite: Suite = {
  name: 'ui',
  prerequisites() {
    const missing = chromiumMissing();
    return missing === undefined ? studioBuildState() : { error: missing };
  },
  async run(ctx) {
    const closers: Array<() => Promise<unknown>> = [];
    try {
      const studio = await startStudio(ctx, closers);
      const paints = await firstPaints(studio, ctx);
      const editor = await firstEditorOpens(studio, ctx);
      ctx.log('one page: heap, filter keystrokes, state changes, heap again');
      const emptyPage = await StudioPage.open(studio.browser, studio.empty.url);
      const emptyHeap = await settledMetrics(emptyPage, 'empty', ctx.profile.ui.settleMs);
      await emptyPage.close();
      const page = await StudioPage.open(studio.browser, studio.full.url);
      try {
        const heap = await settledMetrics(page, 'rows', ctx.profile.ui.settleMs);
        const filter = await page.profiled(ctx.cpuProfDir, 'chromium-filter', () =>
          filterFigures(page, studio, ctx),
        );
        await page.page.keyboard.press('Escape');
        await sleep(ctx.profile.ui.settleMs);
        const changes = await page.profiled(ctx.cpuProfDir, 'chromium-state-changes', () =>
          stateChanges(page, studio, ctx),
        );
        const heapAfter = await page.metrics({ gc: true });
        const heapFigures: BenchResult = {
          id: 'ui.heap_mb',
          heap_mb: round(heap.heapUsedMb),
          empty_heap_mb: round(emptyHeap.heapUsedMb),
          per_plugin_kb: round(((heap.heapUsedMb - emptyHeap.heapUsedMb) * 1024) / studio.ids.length),
          after_changes_mb: round(heapAfter.heapUsedMb),
          dom_nodes: heap.nodes,
          empty_dom_nodes: emptyHeap.nodes,
          plugins: studio.ids.length,
        };
        ctx.log(`big response: ${BIG_BODY_MIB} MiB in fresh pages`);
        const big = await bigResponseFigures(studio.browser, studio.full.url, studio.big, Math.min(3, ctx.profile.ui.paints), ctx.log);
        return [...paints, editor, heapFigures, filter, changes, big];
      } finally {
        await page.close();
      }
    } finally {
      await closeAll(closers);
    }
  },
};

/** Closes everything that was started, newest first, even when one of them fails to close. */
async function closeAll(closers: Array<() => Promise<unknown>>): Promise<void> {
  const failures: unknown[] = [];
  for (const close of closers.reverse()) await close().catch((err: unknown) => failures.push(err));
  if (failures.length > 0) throw failures[0];
}

/** The plugins, a `goplug serve` on them and one on an empty folder, and Chromium. */
async function startStudio(
  { profile, dir, log }: SuiteContext,
  closers: Array<() => Promise<unknown>>,
): Promise<Studio> {
  const { plugins, servers } = profile.ui;
  const folders = { full: join(dir, 'full'), empty: join(dir, 'empty'), data: join(dir, 'data') };
  for (const folder of Object.values(folders)) await mkdir(folder, { mode: 0o700 });
  log(`starting ${plugins} plugins in ${servers} processes`);
  const fleets: BenchChild[] = [];
  closers.push(() => Promise.all(fleets.map((fleet) => fleet.stop(20_000))));
  const share = Math.ceil(plugins / servers);
  for (let s = 0; s < servers; s++) {
    const from = s * share;
    const count = Math.max(0, Math.min(share, plugins - from));
    fleets.push(
      startChild(`residentFleet ${s}`, 'servers/residentFleet.js', [
        folders.full,
        NAMESPACE,
        String(from),
        String(count),
      ]),
    );
  }
  const bigBody = startChild('bigBodyPlugin', 'servers/bigBodyPlugin.js', [folders.full, String(BIG_BODY_MIB)]);
  fleets.push(bigBody);
  const ready = await Promise.all(fleets.slice(0, servers).map((fleet) => fleet.message<ResidentFleetReady>(180_000)));
  const big = await bigBody.message<BigBodyReady>(60_000);
  const ids = ready.flatMap((r) => r.ids).sort();

  log('goplug serve on them, and on an empty folder');
  const staticDir = await copyStudioWindow(dir);
  const full = await startGoplugServe({
    pluginDir: folders.full,
    dataDir: join(folders.data, 'full'),
    staticDir,
  });
  closers.push(() => full.stop());
  const empty = await startGoplugServe({
    pluginDir: folders.empty,
    dataDir: join(folders.data, 'empty'),
    staticDir,
  });
  closers.push(() => empty.stop());
  const api = new StudioApiClient(full.baseUrl, full.token, 16);
  closers.push(() => api.close());
  await waitUntilStarted(api, ids.length, 120_000);
  log(`Chromium: ${await chromiumLabel()}`);
  const browser = await launchChromium();
  closers.push(() => browser.close());
  return { full, empty, api, ids, big, browser };
}

/** Navigation to the first rows (and to the empty state), alternating, after one unmeasured warm-up each. */
async function firstPaints(studio: Studio, { profile, log }: SuiteContext): Promise<BenchResult[]> {
  log(`first paint: ${profile.ui.paints} navigations each to the full and the empty list`);
  const samples = { full: [] as FirstPaint[], empty: [] as FirstPaint[] };
  for (let pass = -1; pass < profile.ui.paints; pass++) {
    const order = pass % 2 === 0 ? (['full', 'empty'] as const) : (['empty', 'full'] as const);
    for (const which of order) {
      const page = await StudioPage.open(studio.browser, studio[which].url);
      try {
        const paint = await page.firstPaint();
        const expected = which === 'full' ? 'rows' : 'empty';
        if (paint.what !== expected) throw new Error(`first paint of the ${which} list showed ${paint.what}`);
        if (pass >= 0) samples[which].push(paint);
      } finally {
        await page.close();
      }
    }
  }
  const figures = (paints: FirstPaint[]): Record<string, number | null> => {
    const ms = sortedMs(paints.map((p) => p.ms));
    const snapshot = paints.map((p) => p.snapshotMs).filter((v): v is number => v !== null);
    const fcp = paints.map((p) => p.fcpMs).filter((v): v is number => v !== null);
    return {
      p50_ms: round(percentile(ms, 0.5)),
      p95_ms: round(percentile(ms, 0.95)),
      samples: ms.length,
      snapshot_p50_ms: snapshot.length > 0 ? round(percentile(sortedMs(snapshot), 0.5)) : null,
      fcp_p50_ms: fcp.length > 0 ? round(percentile(sortedMs(fcp), 0.5)) : null,
    };
  };
  return [
    { id: 'ui.first_paint_ms', ...figures(samples.full), plugins: studio.ids.length },
    { id: 'ui.first_paint_ms.empty', ...figures(samples.empty), plugins: 0 },
  ];
}

/** A user's pause between selecting a plugin and opening its console. */
const THINK_MS = 500;

/** In fresh pages: a plugin selected, then its Console tab opened THINK_MS later, to the editor shown. */
async function firstEditorOpens(studio: Studio, { profile, log }: SuiteContext): Promise<BenchResult> {
  log(`first console open: ${profile.ui.paints} fresh pages`);
  const ms: number[] = [];
  for (let i = 0; i < profile.ui.paints; i++) {
    const page = await StudioPage.open(studio.browser, studio.full.url);
    try {
      await page.firstPaint();
      ms.push(await page.consoleOpen(studio.ids[0]!, THINK_MS));
    } finally {
      await page.close();
    }
  }
  const sorted = sortedMs(ms);
  return {
    id: 'ui.first_editor_ms',
    p50_ms: round(percentile(sorted, 0.5)),
    max_ms: round(sorted.at(-1) ?? 0),
    samples: sorted.length,
    think_ms: THINK_MS,
  };
}

/** Waits for the first paint and a quiet while, then reads the heap after full GCs. */
async function settledMetrics(
  page: StudioPage,
  expected: FirstPaint['what'],
  settleMs: number,
): ReturnType<StudioPage['metrics']> {
  const paint = await page.firstPaint();
  if (paint.what !== expected) throw new Error(`the page showed ${paint.what}, not ${expected}`);
  await sleep(settleMs);
  return page.metrics({ gc: true });
}

async function filterFigures(
  page: StudioPage,
  studio: Studio,
  { profile, log }: SuiteContext,
): Promise<BenchResult> {
  const keys = filterKeystrokes(studio.ids, FILTER_PREFIX, profile.ui.keystrokes);
  log(`filter: ${keys.filter((k) => k.measured).length} measured keystrokes`);
  await page.page.click('#plugin-filter');
  await page.page.keyboard.type(FILTER_PREFIX);
  await sleep(profile.ui.settleMs / 2);
  const ms: number[] = [];
  let noUpdate = 0;
  for (const { key, measured } of keys) {
    if (!measured) {
      await page.page.keyboard.press(key);
    } else {
      const took = await page.keystroke(key);
      if (took === null) noUpdate += 1;
      else ms.push(took);
    }
    // A user's pace, roughly: each keystroke meets a list that has finished the previous one.
    await sleep(100);
  }
  if (ms.length === 0) throw new Error('filter: no keystroke updated the list');
  const sorted = sortedMs(ms);
  return {
    id: 'ui.filter_ms',
    p50_ms: round(percentile(sorted, 0.5)),
    p95_ms: round(percentile(sorted, 0.95)),
    max_ms: round(percentile(sorted, 1)),
    samples: sorted.length,
    no_update: noUpdate,
    plugins: studio.ids.length,
  };
}

async function stateChanges(
  page: StudioPage,
  studio: Studio,
  { profile, log }: SuiteContext,
): Promise<BenchResult> {
  const { changesPerSecond, changeSeconds, toggled } = profile.ui;
  const ids = studio.ids.slice(0, toggled);
  log(`state changes: ${changesPerSecond}/s for ${changeSeconds} s over ${ids.length} plugins`);
  const clock = await page.clock();
  const before = await page.metrics({ gc: false });
  await page.startWatch();
  const toggles = await driveToggles(studio.api, ids, changesPerSecond, changeSeconds);
  const { plugins } = await studio.api.call<{ plugins: Array<{ id: string; state: string }> }>('getSnapshot');
  const finalStates = new Map(plugins.map((p) => [p.id, p.state]));
  await untilPageShows(page, ids, finalStates);
  const watch = await page.stopWatch();
  const after = await page.metrics({ gc: false });
  const seconds = (watch.endedAt - watch.startedAt) / 1000;
  const longTasks = sortedMs(watch.longTasks);
  return {
    id: 'ui.state_changes',
    ...roundAll(stateChangeFigures(toggles, watch, clock, finalStates)),
    toggled: ids.length,
    rendered_rows: watch.rendered.length,
    fps: round(watch.frames / seconds),
    max_frame_gap_ms: round(watch.maxFrameGapMs),
    long_tasks: longTasks.length,
    long_task_ms: round(longTasks.reduce((sum, v) => sum + v, 0)),
    max_long_task_ms: longTasks.length > 0 ? round(percentile(longTasks, 1)) : 0,
    main_thread_busy_pct: round(((after.taskS - before.taskS) / seconds) * 100),
    script_s: round(after.scriptS - before.scriptS),
    layout_style_s: round(after.layoutS - before.layoutS + after.styleS - before.styleS),
  };
}

/**
 * Until the page has received, and its rendered rows show, every toggled plugin's final state;
 * what has not arrived within the deadline counts as missed or mismatched.
 */
async function untilPageShows(
  page: StudioPage,
  ids: readonly string[],
  finalStates: ReadonlyMap<string, string>,
): Promise<void> {
  const giveUp = Date.now() + UNTIL_SHOWN_MS;
  for (;;) {
    const { received, shown } = await page.watchedStates();
    const behind = ids.filter((id) => {
      const final = finalStates.get(id);
      return (received[id] ?? 'started') !== final || (id in shown && shown[id] !== final);
    });
    if (behind.length === 0 || Date.now() > giveUp) return;
    await sleep(50);
  }
}

function sortedMs(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Rounded; a figure with no samples (NaN) becomes null. */
function roundAll(figures: Record<string, number>): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(figures).map(([name, value]) => [name, Number.isNaN(value) ? null : round(value)]),
  );
}
