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
    ? new GoPlugError('NOT_STARTED', `${entry.id} is not running: it has no .pconf`, {
        hint: 'Start the plugin process first.',
      })
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
