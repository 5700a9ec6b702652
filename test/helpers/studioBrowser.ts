/**
 * GoPlug Studio in Chromium (the one scripts/chromiumLaunch.js picks) for end-to-end tests: the real `goplug serve` on a temp
 * plugin folder (optionally with the real samples from `goplug demo`), and one headless browser.
 * Every page gets its own browser context (own storage), and every step a deadline, so a broken
 * page fails the test instead of hanging it. `close()` ends everything that was started, also
 * after a failure half-way through `launchStudio()`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from '../../scripts/chromiumLaunch.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { startDemo, startServe, type GoplugProcess, type Serve } from './goplugProcess.js';
import { ensureStudioBuilt } from './studioBuild.js';
import { tempFolder } from './tempFolder.js';

/** Browser tests elsewhere start Chromium the same way. */
export { launchChromium };

/** Deadline of each browser step (a click, a wait for an element); a hang guard. */
export const STEP_TIMEOUT_MS = 10_000;

export interface OpenOptions {
  /** Absent: the token goplug serve printed; null: no token in the address; a string: that token. */
  token?: string | null;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Ignore the page's Content-Security-Policy (to test what the rendering alone prevents). */
  bypassCSP?: boolean;
  /** Called with the page before it loads the Studio (to listen for dialogs or responses). */
  beforeLoad?: (page: Page) => void;
}

export interface StudioSession {
  pluginDir: string;
  dataDir: string;
  serve: Serve;
  /** Ids of the samples `goplug demo` started (empty without `samples`). */
  sampleIds: string[];
  browser: Browser;
  /** A new browser context with a page showing the Studio. */
  open(options?: OpenOptions): Promise<Page>;
  close(): Promise<void>;
}

/** Builds if needed, then starts (in order) the samples if asked, `goplug serve`, and Chromium. */
export async function launchStudio(options: { samples?: boolean } = {}): Promise<StudioSession> {
  await ensureStudioBuilt();
  const closers: Array<() => Promise<unknown>> = [];
  const closeAll = async () => {
    const failures: unknown[] = [];
    for (const close of closers.splice(0).reverse()) {
      await withDeadline(close(), 15_000, 'closing a part of the Studio session').catch((err: unknown) => failures.push(err));
    }
    if (failures.length > 0) throw new AggregateError(failures, 'closing the Studio session failed');
  };

  try {
    const root = await tempFolder('gp-e2e-');
    closers.push(root.remove);
    const pluginDir = join(root.path, 'plugins');
    const dataDir = join(root.path, 'data');
    await mkdir(pluginDir, { mode: 0o700 });
    // Nothing of the user's own ~/.goplug is read or written.
    const { GOPLUG_PLUGIN_DIR: _ignored, ...inherited } = process.env;
    const env = { ...inherited, HOME: root.path };

    let sampleIds: string[] = [];
    if (options.samples) {
      const demo = await startDemo(pluginDir, env);
      closers.push(() => stopped(demo.process));
      sampleIds = demo.ids;
    }
    const serve = await startServe(pluginDir, dataDir, env);
    closers.push(() => stopped(serve.process));
    const browser = await launchChromium();
    closers.push(() => browser.close());

    const contexts = new Set<BrowserContext>();
    return {
      pluginDir,
      dataDir,
      serve,
      sampleIds,
      browser,
      async open({ token, colorScheme = 'light', viewport = { width: 1280, height: 800 }, bypassCSP = false, beforeLoad } = {}) {
        const context = await browser.newContext({ colorScheme, viewport, bypassCSP });
        contexts.add(context);
        context.once('close', () => contexts.delete(context));
        context.setDefaultTimeout(STEP_TIMEOUT_MS);
        const page = await context.newPage();
        beforeLoad?.(page);
        const address =
          token === undefined ? serve.url : token === null ? serve.baseUrl : `${serve.baseUrl}?token=${encodeURIComponent(token)}`;
        await page.goto(address, { timeout: STEP_TIMEOUT_MS });
        return page;
      },
      async close() {
        await Promise.all([...contexts].map((c) => c.close().catch(() => {})));
        await closeAll();
      },
    };
  } catch (err) {
    await closeAll().catch(() => {});
    throw err;
  }
}

/** Stops a goplug process and says so when it did not exit cleanly (0). */
async function stopped(proc: GoplugProcess): Promise<void> {
  const exit = await proc.stop();
  if (exit.code !== 0) {
    throw new Error(`goplug exited with ${exit.code ?? exit.signal} when stopped:\n${proc.stderr()}`);
  }
}

/** Retries `read` until the assertion holds, for at most one step's deadline. */
export function poll<T>(read: () => T | Promise<T>): ReturnType<typeof expect.poll<T>> {
  return expect.poll(read, { timeout: STEP_TIMEOUT_MS, interval: 50 });
}

/**
 * The text of whatever the locator matches right now, joined by newlines. It never waits (unlike
 * innerText(), which waits for a match up to the page's timeout), so that a poll keeps its deadline.
 */
export async function textNow(locator: Locator): Promise<string> {
  return (await locator.allInnerTexts()).join('\n');
}

/** An attribute of the first match right now, or null when nothing matches; never waits. */
export function attributeNow(locator: Locator, name: string): Promise<string | null> {
  return locator.evaluateAll((elements, attribute) => elements[0]?.getAttribute(attribute) ?? null, name);
}
