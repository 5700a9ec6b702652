/** The plugin list as flat rows for the virtualiser: namespace headers, then their plugins. */
import type { PluginSnapshot } from '../../shared/contract.js';
import type { ListView } from '../store/types.js';
import { displayState, type DisplayState } from './pluginState.js';

export type ListItem =
  | { kind: 'group'; namespace: string; count: number; collapsed: boolean }
  | { kind: 'plugin'; id: string };

const STATE_ORDER: Record<DisplayState, number> = {
  started: 0,
  starting: 1,
  stopping: 2,
  restarting: 3,
  fatal: 4,
  error: 5,
  unreachable: 6,
  discovered: 7,
  ready: 7,
  stopped: 8,
};

const byName = (a: PluginSnapshot, b: PluginSnapshot) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

function matchesFilter(plugin: PluginSnapshot, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (f === '') return true;
  return plugin.id.toLowerCase().includes(f) || plugin.sock.toLowerCase().includes(f);
}

export function buildListItems(plugins: Record<string, PluginSnapshot>, view: ListView): ListItem[] {
  const filtering = view.filter.trim() !== '';
  const groups = new Map<string, PluginSnapshot[]>();
  for (const plugin of Object.values(plugins)) {
    if (!matchesFilter(plugin, view.filter)) continue;
    const group = groups.get(plugin.namespace);
    if (group) group.push(plugin);
    else groups.set(plugin.namespace, [plugin]);
  }
  const compare =
    view.sort === 'state'
      ? (a: PluginSnapshot, b: PluginSnapshot) =>
          STATE_ORDER[displayState(a)] - STATE_ORDER[displayState(b)] || byName(a, b)
      : byName;

  const items: ListItem[] = [];
  for (const namespace of [...groups.keys()].sort((a, b) => a.localeCompare(b))) {
    const members = groups.get(namespace) ?? [];
    // While filtering, folded groups open so that no match hides.
    const collapsed = !filtering && view.collapsed[namespace] === true;
    items.push({ kind: 'group', namespace, count: members.length, collapsed });
    if (!collapsed) for (const plugin of members.sort(compare)) items.push({ kind: 'plugin', id: plugin.id });
  }
  return items;
}

export const namespaceLabel = (namespace: string): string => namespace || '(no namespace)';
