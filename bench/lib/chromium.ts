/**
 * Debian's Chromium through playwright-core, headless, started the way scripts/chromiumLaunch.js
 * says. That file sits outside the compiled tree (bench runs from dist/bench/bench/), so it is
 * loaded from the repository root, which works from the sources and compiled alike.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from './repoRoot.js';

const { CHROMIUM_PATH, CHROMIUM_ARGS } = (await import(
  pathToFileURL(join(repoRoot(), 'scripts', 'chromiumLaunch.js')).href
)) as typeof import('../../scripts/chromiumLaunch.js');

export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `no Chromium at ${CHROMIUM_PATH}: \`apt-get install -y chromium\`, or set CHROMIUM_PATH`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}
