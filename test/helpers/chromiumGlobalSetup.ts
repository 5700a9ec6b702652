/**
 * Vitest global setup: picks Chromium once, before any test file runs, and says which one. The
 * npm package's build is unpacked here, in one process: test files running side by side would
 * otherwise race to unpack it, and one could start a half-written executable.
 */
import { chromiumExecutable } from '../../scripts/chromiumLaunch.js';

export default async function setup(): Promise<void> {
  try {
    console.log(`Chromium for the browser tests: ${(await chromiumExecutable()).label}`);
  } catch (err) {
    // Only the browser tests need it: they fail with this reason, the others run.
    console.log(`Chromium for the browser tests: none: ${(err as Error).message}`);
  }
}
