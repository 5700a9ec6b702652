/**
 * The zustand store: data plus the synchronous changes to it. Calls to the Studio API live in
 * actions.ts; this file never talks to the outside except localStorage for selection and tab.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiError, EventBatch, LogsPage, PluginSnapshot, Settings, StudioSnapshot } from '../../shared/contract.js';
import { applyEvents } from './applyEvents.js';
import { appendBounded } from './bounded.js';
import { mergePage, newLogView } from './logViews.js';
import { loadUi, saveUi, type PersistedUi } from './persistence.js';
import {
  ACTIVITY_KEPT,
  TOASTS_SHOWN,
  type ActivityEntry,
  type ConsoleState,
  type Layout,
  type ListView,
  type LogQuery,
  type Selection,
  type SortKey,
  type StopConfirmation,
  type StudioData,
  type Subscription,
  type Tab,
  type Toast,
} from './types.js';

export interface StudioMutators {
  loadSnapshot(snapshot: StudioSnapshot): void;
  applyBatch(batch: EventBatch): void;
  /** A plugin snapshot answered by a call (the event for it may come later); ignored once removed. */
  putPlugin(plugin: PluginSnapshot): void;
  setSettings(settings: Settings): void;
  setConnected(connected: boolean): void;
  setLoadError(error: ApiError | null): void;
  select(selection: Selection): void;
  setTab(tab: Tab): void;
  setListView(patch: Partial<ListView>): void;
  /** Folds or unfolds a group of the list, by its ListItem key. */
  toggleGroup(key: string): void;
  /** A column header was clicked: sorts by it, or the other way round when it already was. */
  sortBy(key: SortKey): void;
  /** The plugins picked for a bulk start or stop. */
  pick(ids: string[]): void;
  setLayout(patch: Partial<Layout>): void;
  setPending(id: string, action: 'start' | 'stop' | null): void;
  setRowFailure(id: string, error: ApiError | null): void;
  updateConsole(id: string, patch: Partial<ConsoleState>): void;
  addSubscription(sub: Pick<Subscription, 'subscriptionId' | 'pluginId' | 'callback'>): void;
  removeSubscription(subscriptionId: string): void;
  clearNotifications(subscriptionId: string): void;
  /** Starts keeping a plugin's output for its Logs tab (again, for a new query); returns the request number. */
  openLogs(id: string, query: LogQuery): number;
  /** The first page for `request`; dropped when the tab asked again or closed meanwhile. */
  setLogsPage(id: string, request: number, page: LogsPage): void;
  setLogsError(id: string, request: number, error: ApiError): void;
  /** Empties the tab (after clearLogs); new output still comes in. */
  clearLogLines(id: string): void;
  /** The Logs tab closed: its lines are dropped and no more are kept. */
  closeLogs(id: string): void;
  log(entry: Omit<ActivityEntry, 'seq' | 'at'>): void;
  clearActivity(): void;
  /** Shows a toast and writes it to the activity log, so that it can be read later. */
  toast(toast: Omit<Toast, 'id'> & { plugin?: string }): void;
  dismissToast(id: number): void;
  setConfirmation(confirmation: StopConfirmation | null): void;
}

export type StudioState = StudioData & StudioMutators;
export type StudioStore = StoreApi<StudioState>;

export const EMPTY_CONSOLE: ConsoleState = {
  method: '',
  // Empty, not `{}`: typing into `{}` sent `{}hello` (issue 15).
  body: '',
  bodyEncoding: 'utf8',
  mode: 'json',
  timeout: '',
  sending: false,
  requestId: null,
  result: null,
  resultMethod: null,
  pinging: false,
  ping: null,
  history: [],
};

function initialData(ui: PersistedUi): StudioData {
  return {
    loaded: false,
    loadError: null,
    connected: true,
    plugins: {},
    problems: {},
    settings: null,
    platform: null,
    selection: ui.selection,
    tab: ui.tab,
    listView: { filter: '', ...ui.list },
    picked: [],
    layout: ui.layout,
    pending: {},
    rowFailures: {},
    consoles: {},
    subscriptions: {},
    collectionRuns: {},
    logs: {},
    activity: [],
    toasts: [],
    confirmation: null,
    seq: 0,
  };
}

export interface StoreOptions {
  /** Where selection and tab persist; undefined keeps them in memory only. */
  storage?: Storage;
  /** Data to start from (tests build the store with plugins already in it). */
  initial?: Partial<StudioData>;
  now?: () => number;
}

export function createStudioStore(options: StoreOptions = {}): StudioStore {
  const now = options.now ?? Date.now;
  const store = createStore<StudioState>()((set, get) => ({
    ...initialData(loadUi(options.storage)),
    ...options.initial,

    loadSnapshot: (snapshot) =>
      set((s) => {
        const plugins = Object.fromEntries(snapshot.plugins.map((p) => [p.id, p]));
        const pending = Object.fromEntries(Object.entries(s.pending).filter(([id]) => plugins[id]));
        const fresh = !s.loaded;
        let seq = s.seq;
        const noticeToasts: Toast[] = fresh
          ? snapshot.notices.map((message) => ({ id: ++seq, level: 'info' as const, message }))
          : [];
        return {
          loaded: true,
          loadError: null,
          plugins,
          pending,
          problems: Object.fromEntries(snapshot.problems.map((p) => [p.path, p])),
          settings: snapshot.settings,
          platform: snapshot.platform,
          toasts: appendBounded(s.toasts, noticeToasts, TOASTS_SHOWN),
          activity: appendBounded(
            s.activity,
            noticeToasts.map((t) => ({ seq: ++seq, at: now(), event: 'notice', message: t.message, level: 'warning' as const })),
            ACTIVITY_KEPT,
          ),
          seq,
        };
      }),

    applyBatch: (batch) => set((s) => applyEvents(s, batch, now())),

    setConfirmation: (confirmation) => set({ confirmation }),

    putPlugin: (plugin) =>
      set((s) => {
        const known = s.plugins[plugin.id];
        // An answer older than an event already applied (e.g. its .pconf went after the stop answered) is dropped.
        if (!known || (known.rev ?? 0) > (plugin.rev ?? 0)) return {};
        return { plugins: { ...s.plugins, [plugin.id]: plugin } };
      }),
    setSettings: (settings) => set({ settings }),
    setConnected: (connected) => set({ connected }),
    setLoadError: (loadError) => set({ loadError }),
    select: (selection) => set({ selection }),
    setTab: (tab) => set({ tab }),
    setListView: (patch) => set((s) => ({ listView: { ...s.listView, ...patch } })),
    toggleGroup: (key) =>
      set((s) => {
        const collapsed = { ...s.listView.collapsed };
        if (collapsed[key]) delete collapsed[key];
        else collapsed[key] = true;
        return { listView: { ...s.listView, collapsed } };
      }),
    sortBy: (sort) =>
      set((s) => ({
        listView: { ...s.listView, sort, descending: s.listView.sort === sort ? !s.listView.descending : false },
      })),
    pick: (picked) => set({ picked }),
    setLayout: (patch) => set((s) => ({ layout: { ...s.layout, ...patch } })),

    setPending: (id, action) =>
      set((s) => {
        const pending = { ...s.pending };
        if (action) pending[id] = { action, since: now() };
        else delete pending[id];
        return { pending };
      }),

    setRowFailure: (id, error) =>
      set((s) => {
        if (!error && !s.rowFailures[id]) return {};
        const rowFailures = { ...s.rowFailures };
        if (error) rowFailures[id] = error;
        else delete rowFailures[id];
        return { rowFailures };
      }),

    updateConsole: (id, patch) =>
      set((s) => ({ consoles: { ...s.consoles, [id]: { ...(s.consoles[id] ?? EMPTY_CONSOLE), ...patch } } })),

    addSubscription: (sub) =>
      set((s) => ({
        subscriptions: {
          ...s.subscriptions,
          [sub.subscriptionId]: { ...sub, notifications: [], count: 0, backlog: 0, since: now(), ended: null },
        },
      })),

    removeSubscription: (subscriptionId) =>
      set((s) => {
        const subscriptions = { ...s.subscriptions };
        delete subscriptions[subscriptionId];
        return { subscriptions };
      }),

    clearNotifications: (subscriptionId) =>
      set((s) => {
        const sub = s.subscriptions[subscriptionId];
        if (!sub) return {};
        return {
          subscriptions: { ...s.subscriptions, [subscriptionId]: { ...sub, notifications: [], count: 0, backlog: 0, since: now() } },
        };
      }),

    openLogs: (id, query) => {
      const request = get().seq + 1;
      set((s) => ({ seq: request, logs: { ...s.logs, [id]: newLogView(query, request) } }));
      return request;
    },

    setLogsPage: (id, request, page) =>
      set((s) => {
        const view = s.logs[id];
        return view?.request === request ? { logs: { ...s.logs, [id]: mergePage(view, page) } } : {};
      }),

    setLogsError: (id, request, error) =>
      set((s) => {
        const view = s.logs[id];
        return view?.request === request ? { logs: { ...s.logs, [id]: { ...view, loading: false, error } } } : {};
      }),

    clearLogLines: (id) =>
      set((s) => {
        const view = s.logs[id];
        return view ? { logs: { ...s.logs, [id]: { ...view, lines: [], cut: false } } } : {};
      }),

    closeLogs: (id) =>
      set((s) => {
        if (!s.logs[id]) return {};
        const logs = { ...s.logs };
        delete logs[id];
        return { logs };
      }),

    log: (entry) =>
      set((s) => ({ activity: appendBounded(s.activity, [{ ...entry, seq: s.seq + 1, at: now() }], ACTIVITY_KEPT), seq: s.seq + 1 })),

    clearActivity: () => set({ activity: [] }),

    toast: ({ plugin, ...toast }) => {
      const id = get().seq + 1;
      set((s) => ({
        seq: id + 1,
        toasts: appendBounded(s.toasts, [{ ...toast, id }], TOASTS_SHOWN),
        activity: appendBounded(
          s.activity,
          [
            {
              seq: id + 1,
              at: now(),
              event: toast.code ?? (toast.level === 'error' ? 'failure' : 'info'),
              ...(plugin ? { plugin } : {}),
              message: toast.message,
              level: toast.level === 'error' ? 'error' : 'info',
            },
          ],
          ACTIVITY_KEPT,
        ),
      }));
    },

    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  }));

  // Selection, tab, the list's order and grouping, and the layout survive a restart (the filter does not).
  store.subscribe((s, prev) => {
    const list = s.listView;
    const listChanged =
      list !== prev.listView &&
      (list.sort !== prev.listView.sort ||
        list.descending !== prev.listView.descending ||
        list.groupBy !== prev.listView.groupBy ||
        list.collapsed !== prev.listView.collapsed);
    if (s.selection !== prev.selection || s.tab !== prev.tab || s.layout !== prev.layout || listChanged) {
      const { sort, descending, groupBy, collapsed } = list;
      saveUi(options.storage, { selection: s.selection, tab: s.tab, list: { sort, descending, groupBy, collapsed }, layout: s.layout });
    }
  });
  return store;
}
