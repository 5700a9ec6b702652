/** The registry's errors about a plugin's state, worded once. */
import { GoPlugError, isGoPlugError } from '../errors.js';
import type { PluginEntry } from './pluginEntry.js';

export function notDiscovered(id: string): GoPlugError {
  return new GoPlugError('NOT_DISCOVERED', `no plugin ${id} has been discovered`);
}

export function notStarted(entry: PluginEntry): GoPlugError {
  return new GoPlugError('NOT_STARTED', `${entry.id} is ${entry.state}, not started`);
}

/** No .pconf to connect to: say how it could run. */
export function notRunning(entry: PluginEntry): GoPlugError {
  const manifest = entry.manifestRecord?.path;
  return manifest === undefined
    ? cannotStart(entry, 'is not running')
    : new GoPlugError(
        'NOT_STARTED',
        `${entry.id} is not running, and this host does not launch processes (its launch manifest: ${manifest})`,
        { hint: 'Run it with `goplug up` or in GoPlug Studio, which launch plugins from their manifests.' },
      );
}

export function asGoPlugError(err: unknown, id: string): GoPlugError {
  if (isGoPlugError(err)) return err;
  return new GoPlugError('BAD_RESPONSE', `${id}: ${err instanceof Error ? err.message : String(err)}`, {
    cause: err,
  });
}

/**
 * This host cannot start the plugin's process (it has no launch manifest and was not launched
 * here): say who started it, and what a person can do instead (issue 14 §1).
 */
export function cannotStart(entry: PluginEntry, what: string): GoPlugError {
  const origin = entry.snapshot().origin;
  const command = origin?.argv ? `\`${origin.argv.join(' ')}\`` : null;
  const where = origin?.cwd ? ` in ${origin.cwd}` : '';
  const parent = origin?.parent?.argv ? `, by \`${origin.parent.argv.join(' ')}\` (pid ${origin.parent.pid})` : '';
  const who =
    origin?.kind === 'outside'
      ? `it was started outside this Studio (pid ${origin.pid}${command ? `: ${command}${where}` : ''})${parent}`
      : 'nothing here knows how to start its process (no launch manifest, and its process was never found)';
  const hint =
    origin?.kind === 'outside' && command
      ? 'Start it again where it was started (e.g. the terminal running it), or choose "Remember its command" to make a launch manifest and approve it.'
      : 'Start its process where it is usually started, or write a launch manifest for it in Settings.';
  return new GoPlugError('CANNOT_START', `${entry.id} ${what}, and this Studio cannot start it: ${who}`, { hint });
}
