/** What a plugin's badge shows: the registry state refined by its error and reachability. */
import type { PluginSnapshot } from '../../shared/contract.js';

export type DisplayState = 'started' | 'discovered' | 'starting' | 'stopping' | 'stopped' | 'unreachable' | 'error';

export const DISPLAY_LABEL: Record<DisplayState, string> = {
  started: 'Started',
  discovered: 'Discovered',
  starting: 'Starting',
  stopping: 'Stopping',
  stopped: 'Stopped',
  unreachable: 'Unreachable',
  error: 'Error',
};

export function displayState(plugin: PluginSnapshot): DisplayState {
  if (plugin.state === 'starting' || plugin.state === 'stopping' || plugin.state === 'started') {
    return plugin.state;
  }
  if (plugin.unreachable) return 'unreachable';
  if (plugin.error) return 'error';
  return plugin.state;
}

/** Why the plugin is in its state, when the registry said (last error first). */
export function stateReason(plugin: PluginSnapshot): string | undefined {
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
