/**
 * The main-file helper: start a plugin, tell the launcher it is ready, stop cleanly on
 * SIGINT/SIGTERM or `POST /Stop`, and exit.
 *
 * stdout carries exactly one line, `goplug: <id> ready on <sock>`, once the socket listens and
 * the .pconf is written (launchers such as `goplug demo` wait for it; pass `{ announce: false }`
 * to print nothing). Failures go to stderr with exit code 1.
 */
import { isGoPlugError } from '../core/errors.js';
import type { GoPlugPlugin, StartedPlugin } from './plugin.js';

export interface RunOptions {
  /** Print the readiness line on stdout. Default true. */
  announce?: boolean;
}

/**
 * Accepts the plugin or a function making it, so that bad options (e.g. a missing folder) are
 * reported the same way as a failed start: one line on stderr, exit code 1.
 */
export async function runPlugin(
  plugin: GoPlugPlugin | (() => GoPlugPlugin),
  options: RunOptions = {},
): Promise<StartedPlugin> {
  let started: StartedPlugin;
  let instance: GoPlugPlugin | undefined;
  try {
    instance = typeof plugin === 'function' ? plugin() : plugin;
    started = await instance.start();
  } catch (err) {
    return fail(`${instance?.id ?? 'plugin'} could not start`, err);
  }
  const running = instance;
  const stopOnSignal = (): void => void running.stop().catch(() => {});
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  running.stopped.then(
    () => process.exit(0),
    (err: unknown) => fail(`${running.id} did not stop cleanly`, err),
  );
  if (options.announce !== false) process.stdout.write(`goplug: ${running.id} ready on ${started.sock}\n`);
  return started;
}

function fail(what: string, err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  const hint = isGoPlugError(err) ? ` (${err.hint})` : '';
  process.stderr.write(`goplug: ${what}: ${message}${hint}\n`);
  process.exit(1);
}
