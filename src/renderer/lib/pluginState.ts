/**
 * What a plugin's badge shows: the registry state refined by its launched process (gave up, or
 * about to restart), its error and its reachability.
 */
import type { PluginSnapshot } from '../../shared/contract.js';

export type DisplayState =
  | 'started'
  | 'discovered'
  | 'ready'
  | 'starting'
  | 'stopping'
  | 'stopped'
  | 'restarting'
  | 'fatal'
  | 'unreachable'
  | 'error';

export const DISPLAY_LABEL: Record<DisplayState, string> = {
  started: 'Started',
  discovered: 'Discovered',
  ready: 'Ready',
  starting: 'Starting',
  stopping: 'Stopping',
  stopped: 'Stopped',
  restarting: 'Restarting',
  fatal: 'Fatal',
  unreachable: 'Unreachable',
  error: 'Error',
};

export function displayState(plugin: PluginSnapshot): DisplayState {
  if (plugin.state === 'starting' || plugin.state === 'stopping' || plugin.state === 'started') {
    return plugin.state;
  }
  if (plugin.process?.state === 'fatal') return 'fatal';
  if (plugin.process?.state === 'backoff') return 'restarting';
  if (plugin.unreachable) return 'unreachable';
  if (plugin.error) return 'error';
  // Its process runs (launched here, or found serving its socket), and a LazyLoad plugin is
  // activated on first use: it waits as it is, e.g. after Stop all, which stops only started
  // plugins (issue 14 §3). Most plugins run outside the Studio: `goplug demo`, their host, a shell.
  if (plugin.state === 'discovered' && (plugin.process?.state === 'running' || servedOutside(plugin))) return 'ready';
  return plugin.state;
}

/** A process outside this Studio serves its socket (the OS says so; the .pconf's claim alone is not believed). */
function servedOutside(plugin: PluginSnapshot): boolean {
  return plugin.process == null && plugin.origin?.pid != null && plugin.confRemoved !== true;
}

/** Why the plugin is in its state, when the registry said (the process's own words, then the last error). */
export function stateReason(plugin: PluginSnapshot): string | undefined {
  const state = plugin.process?.state;
  if ((state === 'fatal' || state === 'backoff') && plugin.process?.message) return plugin.process.message;
  if (plugin.error) return `${plugin.error.code}: ${plugin.error.message}`;
  return plugin.history.at(-1)?.reason;
}

/** When the current state began (the newest history entry for it), for elapsed-time display. */
export function stateSince(plugin: PluginSnapshot): number | undefined {
  const last = plugin.history.at(-1);
  return last?.state === plugin.state ? last.at : undefined;
}

export const isTransitional = (plugin: PluginSnapshot): boolean =>
  plugin.state === 'starting' || plugin.state === 'stopping';

/** A crashed launched plugin whose supervisor gave up: only the user brings it back (Restart). */
export const isFatal = (plugin: PluginSnapshot): boolean => plugin.process?.state === 'fatal';
