/**
 * The one place that picks the Chromium for the screenshots, the benchmark and the end-to-end
 * tests, and starts it. In order: $CHROMIUM_PATH; else a Chromium or Chrome installed on the system;
 * else the build inside the npm package @sparticuz/chromium (a devDependency, so `npm install`
 * alone is enough), which `executablePath()` unpacks to <tmpdir>/chromium the first time (~2 s).
 *
 * Always launched with OUR flags, never the package's `args`: those turn off web security, site
 * isolation and the zygote, which the security tests rely on. The background-networking,
 * component-update and sync flags keep Chromium from trying to reach the outside, which the
 * developers' and CI machines refuse. Plain JavaScript, so that the screenshot script runs it as
 * is; types in chromiumLaunch.d.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where a system Chromium (or Chrome) usually is: Debian/Ubuntu, snap, and macOS. */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const PACKAGE = '@sparticuz/chromium';
const require = createRequire(import.meta.url);

/** The version of @sparticuz/chromium installed, or undefined when it is not (or cannot run here: Linux x64 only). */
function packagedVersion() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  try {
    // Its exports hide package.json: found from its entry point (build/index.js).
    const root = dirname(dirname(require.resolve(PACKAGE)));
    return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * Which Chromium would be used, found without unpacking anything: `{ path, label }` for one on disk,
 * `{ package: version }` for the npm package's build, or `{ error }` saying what to do.
 */
export function chromiumSource() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    return existsSync(fromEnv)
      ? { path: fromEnv, label: `$CHROMIUM_PATH (${fromEnv})` }
      : { error: `CHROMIUM_PATH is set to ${fromEnv}, which does not exist` };
  }
  const system = SYSTEM_CHROMIUM_PATHS.find((path) => existsSync(path));
  if (system !== undefined) return { path: system, label: `the system's Chromium (${system})` };
  const version = packagedVersion();
  if (version !== undefined) return { package: version };
  return {
    error:
      `no Chromium found (looked at ${SYSTEM_CHROMIUM_PATHS.join(', ')}; ${PACKAGE} runs on Linux x64 only): ` +
      'install Chromium or Chrome, or set CHROMIUM_PATH to its executable',
  };
}

/** The executable and a line saying which one it is; unpacks the package's build if that is the one. */
export async function chromiumExecutable() {
  const source = chromiumSource();
  if (source.error !== undefined) throw new Error(source.error);
  if (source.path !== undefined) return { path: source.path, label: source.label };
  const { default: packaged } = await import(PACKAGE);
  const path = await packaged.executablePath();
  return { path, label: `${PACKAGE} ${source.package} (unpacked at ${path})` };
}

/** Headless Chromium through playwright-core, with our flags. */
export async function launchChromium(options = {}) {
  const [{ chromium }, executable] = await Promise.all([import('playwright-core'), chromiumExecutable()]);
  try {
    return await chromium.launch({
      timeout: 30_000,
      ...options,
      executablePath: executable.path,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    });
  } catch (err) {
    // A build left half-unpacked (the unpacking was killed) stays there and is reused: say so.
    const hint = executable.label.startsWith(PACKAGE)
      ? ` If ${executable.path} is damaged, delete it to unpack it again.`
      : '';
    throw new Error(
      `Chromium (${executable.label}) did not start: ${err instanceof Error ? err.message : String(err)}${hint}`,
    );
  }
}
