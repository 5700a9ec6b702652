/**
 * One Studio page in its own browser context (own storage and cache, as a new user), with the
 * page probe (bench/browser/studioProbe.js) loaded before the Studio's scripts, and a DevTools
 * session for what only the browser can tell: heap after a full GC, DOM size, main-thread time,
 * and CPU profiles.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, CDPSession, Locator, Page } from 'playwright-core';
import { withDeadline } from '../../src/core/withDeadline.js';
import { repoRoot } from './repoRoot.js';

/** Deadline of each step in the page (a navigation, a wait for the list); a hang guard. */
export const STEP_TIMEOUT_MS = 30_000;
const VIEWPORT = { width: 1280, height: 800 };

export interface FirstPaint {
  /** What was painted: plugin rows, or the empty state when there are no plugins. */
  what: 'rows' | 'empty';
  /** From the navigation's start to the frame that paints it. */
  ms: number;
  /** First contentful paint (the page's first text, e.g. "Connecting…"). */
  fcpMs: number | null;
  /** When the getSnapshot answer had arrived. */
  snapshotMs: number | null;
}

/** [plugin id, state, page ms] */
export type StateAt = [string, string, number];

export interface WatchRecord {
  startedAt: number;
  endedAt: number;
  /** Plugin rows in the DOM when the watch began (the list is virtualised: not all 1,000). */
  rendered: string[];
  frames: number;
  maxFrameGapMs: number;
  longTasks: number[];
  batches: number;
  events: number;
  /** Plugin states as their events arrived at the page. */
  arrivals: StateAt[];
  /** Row states as painted (the frame after the DOM changed). */
  transitions: StateAt[];
}

export interface WatchedStates {
  /** Plugin id to state, from the newest event received. */
  received: Record<string, string>;
  /** Plugin id to display state, as the rendered row shows it now. */
  shown: Record<string, string>;
}

/** Main-thread and DOM figures from Performance.getMetrics. */
export interface PageMetrics {
  heapUsedMb: number;
  heapTotalMb: number;
  nodes: number;
  listeners: number;
  /** Seconds of main-thread work so far: all tasks, script, layout, style. */
  taskS: number;
  scriptS: number;
  layoutS: number;
  styleS: number;
}

interface Probe {
  firstPaint(): Promise<FirstPaint>;
  armKeystroke(timeoutMs: number): void;
  keystroke(): Promise<number | null>;
  startWatch(): void;
  watchedStates(): WatchedStates;
  stopWatch(): WatchRecord;
  openConsole(id: string): Promise<number>;
  now(): number;
}

declare global {
  var __goplugBench: Probe;
}

export class StudioPage {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly cdp: CDPSession,
  ) {}

  /** Opens `url` in a new context; resolves once the navigation is committed. */
  static async open(browser: Browser, url: string): Promise<StudioPage> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      await context.addInitScript({ path: join(repoRoot(), 'bench', 'browser', 'studioProbe.js') });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(url, { waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
      return new StudioPage(page, context, cdp);
    } catch (err) {
      await context.close();
      throw err;
    }
  }

  /** page.evaluate has no deadline of its own: a page that never gets there must fail the run. */
  private evaluate<T>(what: string, run: () => Promise<T>): Promise<T> {
    return withDeadline(run(), STEP_TIMEOUT_MS, what);
  }

  firstPaint(): Promise<FirstPaint> {
    return this.evaluate('the first paint of the Studio page', () =>
      this.page.evaluate(() => globalThis.__goplugBench.firstPaint()),
    );
  }

  /** Plugin `id`'s row in the list: its accessible name starts with the id, then state, Lazy and methods. */
  row(id: string): Locator {
    return this.page.getByRole('row', { name: new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(,|$)`) });
  }

  /**
   * Selects plugin `id`, leaves the page `thinkMs` (a user reads the Overview), then clicks the
   * Console tab: milliseconds from the click to the frame that shows the request editor (its
   * code is loaded on first use, or fetched meanwhile).
   */
  async consoleOpen(id: string, thinkMs: number): Promise<number> {
    await this.row(id).click();
    await sleep(thinkMs);
    return this.evaluate('the console editor to show', () =>
      this.page.evaluate((plugin) => globalThis.__goplugBench.openConsole(plugin), id),
    );
  }

  /** Milliseconds from the keydown to the frame showing the updated list; null if it did not change. */
  async keystroke(key: string): Promise<number | null> {
    await this.evaluate('arming a keystroke', () =>
      this.page.evaluate((ms) => globalThis.__goplugBench.armKeystroke(ms), STEP_TIMEOUT_MS / 2),
    );
    await this.page.keyboard.press(key);
    return this.evaluate(`the list's update after ${key}`, () =>
      this.page.evaluate(() => globalThis.__goplugBench.keystroke()),
    );
  }

  startWatch(): Promise<void> {
    return this.evaluate('starting the watch', () =>
      this.page.evaluate(() => globalThis.__goplugBench.startWatch()),
    );
  }

  watchedStates(): Promise<WatchedStates> {
    return this.evaluate('reading the watched states', () =>
      this.page.evaluate(() => globalThis.__goplugBench.watchedStates()),
    );
  }

  stopWatch(): Promise<WatchRecord> {
    return this.evaluate('stopping the watch', () =>
      this.page.evaluate(() => globalThis.__goplugBench.stopWatch()),
    );
  }

  /**
   * The page's clock minus this process's, as wall-clock ms; and the page's time origin, to turn
   * its performance.now() times into wall-clock ones. The best of a few tries (the shortest round
   * trip bounds the error).
   */
  async clock(): Promise<{ offsetMs: number; pageOriginMs: number; errorMs: number }> {
    let best = { offsetMs: 0, errorMs: Infinity };
    for (let i = 0; i < 7; i++) {
      const before = performance.timeOrigin + performance.now();
      const pageNow = await this.evaluate('reading the page clock', () =>
        this.page.evaluate(() => globalThis.__goplugBench.now()),
      );
      const after = performance.timeOrigin + performance.now();
      if ((after - before) / 2 < best.errorMs) {
        best = { offsetMs: pageNow - (before + after) / 2, errorMs: (after - before) / 2 };
      }
    }
    const pageOriginMs = await this.evaluate('reading the page clock', () =>
      this.page.evaluate(() => globalThis.performance.timeOrigin),
    );
    return { ...best, pageOriginMs };
  }

  /** Heap and DOM figures; `gc` first runs full garbage collections, so the heap is what is live. */
  async metrics({ gc }: { gc: boolean }): Promise<PageMetrics> {
    const send = { timeout: STEP_TIMEOUT_MS };
    if (gc) {
      await this.cdp.send('HeapProfiler.collectGarbage', undefined, send);
      await this.cdp.send('HeapProfiler.collectGarbage', undefined, send);
    }
    const { metrics } = await this.cdp.send('Performance.getMetrics', undefined, send);
    const get = (name: string): number => metrics.find((m) => m.name === name)?.value ?? NaN;
    return {
      heapUsedMb: get('JSHeapUsedSize') / 2 ** 20,
      heapTotalMb: get('JSHeapTotalSize') / 2 ** 20,
      nodes: get('Nodes'),
      listeners: get('JSEventListeners'),
      taskS: get('TaskDuration'),
      scriptS: get('ScriptDuration'),
      layoutS: get('LayoutDuration'),
      styleS: get('RecalcStyleDuration'),
    };
  }

  /** Runs `work` under Chromium's sampling profiler and writes `<dir>/<name>.cpuprofile`. */
  async profiled<T>(dir: string | undefined, name: string, work: () => Promise<T>): Promise<T> {
    if (dir === undefined) return work();
    const send = { timeout: STEP_TIMEOUT_MS };
    await this.cdp.send('Profiler.enable', undefined, send);
    await this.cdp.send('Profiler.setSamplingInterval', { interval: 200 }, send);
    await this.cdp.send('Profiler.start', undefined, send);
    try {
      return await work();
    } finally {
      const { profile } = await this.cdp.send('Profiler.stop', undefined, send);
      await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    }
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
