/**
 * What survives a restart of the window: the selection and the tab, how the list is sorted and
 * grouped, and the layout. Kept in localStorage, read back on start; anything unreadable falls back
 * to its default on its own, so one bad field never loses the rest.
 */
import {
  LAYOUT_LIMITS,
  SORT_KEYS,
  TABS,
  type GroupBy,
  type Layout,
  type ListView,
  type Selection,
  type SortKey,
  type Tab,
} from './types.js';

const KEY = 'goplug.studio.ui.v1';

export type ListPrefs = Pick<ListView, 'sort' | 'descending' | 'groupBy' | 'collapsed'>;

export interface PersistedUi {
  selection: Selection;
  tab: Tab;
  list: ListPrefs;
  layout: Layout;
}

export const DEFAULT_LAYOUT: Layout = { listWidth: null, activityHeight: null, problemsOpen: true, activityOpen: true };
export const DEFAULT_LIST: ListPrefs = { sort: 'name', descending: false, groupBy: 'namespace', collapsed: {} };
const DEFAULT_UI: PersistedUi = { selection: null, tab: 'overview', list: DEFAULT_LIST, layout: DEFAULT_LAYOUT };

function isSelection(value: unknown): value is Selection {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    (v.kind === 'plugin' && typeof v.id === 'string') ||
    (v.kind === 'problem' && typeof v.path === 'string') ||
    v.kind === 'settings' ||
    v.kind === 'collections'
  );
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** A size within its limits, else null: the window's share (a smaller window clamps it again when laid out). */
function size(value: unknown, limits: { min: number; max: number }): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(limits.max, Math.max(limits.min, Math.round(value))) : null;
}

function readList(value: unknown): ListPrefs {
  const v = record(value);
  const collapsed = Object.fromEntries(
    Object.entries(record(v.collapsed))
      .filter(([, folded]) => folded === true)
      .map(([key]) => [key, true as const]),
  );
  return {
    sort: SORT_KEYS.includes(v.sort as SortKey) ? (v.sort as SortKey) : DEFAULT_LIST.sort,
    descending: v.descending === true,
    groupBy: v.groupBy === 'folder' ? 'folder' : ('namespace' as GroupBy),
    collapsed,
  };
}

function readLayout(value: unknown): Layout {
  const v = record(value);
  return {
    listWidth: size(v.listWidth, LAYOUT_LIMITS.listWidth),
    activityHeight: size(v.activityHeight, LAYOUT_LIMITS.activityHeight),
    problemsOpen: v.problemsOpen !== false,
    activityOpen: v.activityOpen !== false,
  };
}

export function loadUi(storage: Storage | undefined): PersistedUi {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return DEFAULT_UI;
    const parsed = record(JSON.parse(raw));
    return {
      selection: isSelection(parsed.selection) ? parsed.selection : null,
      tab: TABS.includes(parsed.tab as Tab) ? (parsed.tab as Tab) : 'overview',
      list: readList(parsed.list),
      layout: readLayout(parsed.layout),
    };
  } catch {
    // Unreadable or corrupt: start fresh rather than refuse to open.
    return DEFAULT_UI;
  }
}

export function saveUi(storage: Storage | undefined, ui: PersistedUi): void {
  try {
    storage?.setItem(KEY, JSON.stringify(ui));
  } catch {
    // Storage full or disabled: the choices simply will not survive a restart.
  }
}
