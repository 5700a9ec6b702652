/**
 * Chromium for the ui suite: the one scripts/chromiumLaunch.js picks and starts. That file sits
 * outside the compiled tree (bench runs from dist/bench/bench/), so it is loaded from the
 * repository root, which works from the sources and compiled alike.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './repoRoot.js';

const { chromiumExecutable, chromiumSource, launchChromium } = (await import(
  pathToFileURL(join(repoRoot(), 'scripts', 'chromiumLaunch.js')).href
)) as typeof import('../../scripts/chromiumLaunch.js');

/** Why no Chromium can be started here, or undefined (nothing is unpacked yet). */
export function chromiumMissing(): string | undefined {
  return chromiumSource().error;
}

/** Which Chromium it is, for the run's log (unpacks the npm package's build if that is the one). */
export async function chromiumLabel(): Promise<string> {
  return (await chromiumExecutable()).label;
}

export { launchChromium };
