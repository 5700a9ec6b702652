/**
 * The plugin list as flat rows for the virtualiser: group headers (by namespace or by watched
 * folder), then their plugins in the chosen column's order. A watched folder without plugins is
 * a group of its own, so that a person sees it is watched.
 */
import type { PluginSnapshot } from '../../shared/contract.js';
import type { GroupBy, ListView, SortKey } from '../store/types.js';
import { matchesFilter, parseFilter, pluginFolder } from './pluginFilter.js';
import { displayState, type DisplayState } from './pluginState.js';

export type ListItem =
  | {
      kind: 'group';
      /** The key folding remembers: `ns:<namespace>` or `dir:<folder>`. */
      key: string;
      by: GroupBy;
      /** The namespace or the folder, as it is (shown through PluginText). */
      name: string;
      count: number;
      collapsed: boolean;
    }
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

/**
 * The pid of the process serving a plugin: ours when we launched it, else what the registry found,
 * unless its .pconf is gone (its process ended or was stopped: that pid serves nothing now).
 */
export const pluginPid = (plugin: PluginSnapshot): number | null =>
  plugin.process?.pid ?? (plugin.confRemoved ? null : plugin.origin?.pid) ?? null;

const byName = (a: PluginSnapshot, b: PluginSnapshot) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** Absent values (no pid, not started) go last whichever the direction. */
const absentLast = (a: number | null, b: number | null, descending: boolean) =>
  a === null ? (b === null ? 0 : 1) : b === null ? -1 : descending ? b - a : a - b;

function comparator(sort: SortKey, descending: boolean): (a: PluginSnapshot, b: PluginSnapshot) => number {
  const dir = descending ? -1 : 1;
  switch (sort) {
    case 'name':
      return (a, b) => dir * byName(a, b);
    case 'state':
      return (a, b) => dir * (STATE_ORDER[displayState(a)] - STATE_ORDER[displayState(b)]) || byName(a, b);
    case 'methods':
      return (a, b) => dir * (a.methods.length - b.methods.length) || byName(a, b);
    case 'process':
      return (a, b) => absentLast(pluginPid(a), pluginPid(b), descending) || byName(a, b);
    case 'socket':
      return (a, b) => dir * a.sock.localeCompare(b.sock) || byName(a, b);
  }
}

const withoutTrailingSlash = (folder: string) => (folder.length > 1 ? folder.replace(/\/+$/, '') : folder);

/** The watched folder holding `folder` (itself, or one it is under), else the folder as it is. */
function watchedFolderOf(folder: string, watched: readonly string[]): string {
  return watched.find((w) => folder === w || folder.startsWith(w === '/' ? w : `${w}/`)) ?? folder;
}

export function buildListItems(
  plugins: Record<string, PluginSnapshot>,
  view: ListView,
  watchedFolders: readonly string[] = [],
): ListItem[] {
  const filter = parseFilter(view.filter);
  const filtering = filter.terms.length > 0;
  const watched = watchedFolders.map(withoutTrailingSlash);
  const groups = new Map<string, { by: GroupBy; name: string; members: PluginSnapshot[] }>();
  const groupOf = (by: GroupBy, name: string) => {
    const key = `${by === 'namespace' ? 'ns' : 'dir'}:${name}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { by, name, members: [] }));
    return group;
  };

  for (const plugin of Object.values(plugins)) {
    if (filtering && !matchesFilter(plugin, filter)) continue;
    const group =
      view.groupBy === 'folder'
        ? groupOf('folder', watchedFolderOf(pluginFolder(plugin), watched))
        : groupOf('namespace', plugin.namespace);
    group.members.push(plugin);
  }
  // An empty watched folder shows as a group of none (not while filtering: it matches nothing).
  if (!filtering) {
    const used = new Set(Object.values(plugins).map((plugin) => watchedFolderOf(pluginFolder(plugin), watched)));
    for (const folder of watched) if (!used.has(folder)) groupOf('folder', folder);
  }

  const compare = comparator(view.sort, view.descending);
  const items: ListItem[] = [];
  // Namespace groups first, then folders; each by name.
  const ordered = [...groups.entries()].sort(
    ([, a], [, b]) => Number(a.by === 'folder') - Number(b.by === 'folder') || a.name.localeCompare(b.name),
  );
  for (const [key, { by, name, members }] of ordered) {
    // While filtering, folded groups open so that no match hides.
    const collapsed = !filtering && view.collapsed[key] === true;
    items.push({ kind: 'group', key, by, name, count: members.length, collapsed });
    if (!collapsed) for (const plugin of members.sort(compare)) items.push({ kind: 'plugin', id: plugin.id });
  }
  return items;
}

export const groupLabel = (item: { by: GroupBy; name: string }): string =>
  item.name || (item.by === 'namespace' ? '(no namespace)' : '(folder not known yet)');
