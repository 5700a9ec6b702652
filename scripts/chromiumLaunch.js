/**
 * How the screenshots, the benchmark and the end-to-end tests start Chromium: Debian's build
 * (`apt-get install -y chromium`) or $CHROMIUM_PATH, with the flags the stack notes (STACK.md)
 * found to work headless on the developers' and CI machines. Those machines reach only the npm
 * registry and apt: without the background-networking, component-update and sync flags Chromium
 * keeps trying to reach the outside and gets refused. Plain JavaScript, so that the screenshot
 * script runs it as is; types in chromiumLaunch.d.ts.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
