/** The selection and the tab survive a restart: kept in localStorage, read back on start. */
import { TABS, type Selection, type Tab } from './types.js';

const KEY = 'goplug.studio.ui.v1';

export interface PersistedUi {
  selection: Selection;
  tab: Tab;
}

const DEFAULT_UI: PersistedUi = { selection: null, tab: 'overview' };

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

export function loadUi(storage: Storage | undefined): PersistedUi {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return DEFAULT_UI;
    const parsed = JSON.parse(raw) as Partial<PersistedUi>;
    return {
      selection: isSelection(parsed.selection) ? parsed.selection : null,
      tab: TABS.includes(parsed.tab as Tab) ? (parsed.tab as Tab) : 'overview',
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
    // Storage full or disabled: the selection simply will not survive a restart.
  }
}
