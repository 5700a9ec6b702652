/** The renderer's state: what the Studio service told us, plus what the user is doing. */
import type {
  ApiError,
  ExecuteResult,
  HistoryEntry,
  LogLine,
  LogStream,
  PingResult,
  PluginSnapshot,
  ProblemFile,
  RequestResult,
  Settings,
  StudioSnapshot,
} from '../../shared/contract.js';

export type Tab = 'overview' | 'console' | 'callbacks' | 'pconf' | 'logs';
export const TABS: readonly Tab[] = ['overview', 'console', 'callbacks', 'pconf', 'logs'];

export type Selection =
  | { kind: 'plugin'; id: string }
  | { kind: 'problem'; path: string }
  | { kind: 'settings' }
  | { kind: 'collections' }
  | null;

/** The list's columns a person can sort by. */
export type SortKey = 'state' | 'name' | 'methods' | 'process' | 'socket';
export const SORT_KEYS: readonly SortKey[] = ['state', 'name', 'methods', 'process', 'socket'];

export type GroupBy = 'namespace' | 'folder';

export interface PendingTransition {
  action: 'start' | 'stop';
  since: number;
}

export type BodyMode = 'json' | 'raw';

export interface ConsoleState {
  method: string;
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  mode: BodyMode;
  /** The request's deadline in seconds as typed; '' uses the default from Settings. */
  timeout: string;
  sending: boolean;
  /** The request in flight, for Cancel (and Escape); null when none is. */
  requestId: string | null;
  result: ExecuteResult | null;
  /** What the result answered: the method sent, for the response header. */
  resultMethod: string | null;
  pinging: boolean;
  ping: PingResult | null;
  history: HistoryEntry[];
}

export interface Notification {
  seq: number;
  /** When the plugin's notification arrived at the service. */
  at: number;
  /** When it reached this window, for the rate. */
  receivedAt: number;
  size: number;
  base64: string;
  /** Queued by the plugin before the subscription began: not counted in the rate. */
  backlog: boolean;
}

export interface Subscription {
  subscriptionId: string;
  pluginId: string;
  callback: string;
  /** Newest last, at most NOTIFICATIONS_KEPT. */
  notifications: Notification[];
  /** All received since the subscription began (or the last Clear), kept or not. */
  count: number;
  /** How many of `count` are backlog: queued by the plugin before the subscription began. */
  backlog: number;
  since: number;
  /** Set when the service ended it (plugin stopped, error); `error` says why when it failed. */
  ended: { at: number; error?: ApiError } | null;
}

export type ActivityLevel = 'info' | 'warning' | 'error';

export interface ActivityEntry {
  seq: number;
  at: number;
  event: string;
  plugin?: string;
  message: string;
  level: ActivityLevel;
}

export interface Toast {
  id: number;
  level: 'error' | 'info';
  message: string;
  hint?: string;
  code?: string;
}

export interface ListView {
  filter: string;
  sort: SortKey;
  descending: boolean;
  groupBy: GroupBy;
  /** Groups the user folded, by ListItem key (`ns:<namespace>`, `dir:<folder>`). */
  collapsed: Record<string, true>;
}

/** How the window is laid out; remembered (store/persistence.ts). */
export interface Layout {
  /** The plugin list's width, px; null: a share of the window (lib/layoutSizes.ts). */
  listWidth: number | null;
  /** The activity log's height, px; null: a share of the window. */
  activityHeight: number | null;
  problemsOpen: boolean;
  activityOpen: boolean;
}

export const LAYOUT_LIMITS = {
  listWidth: { min: 280, max: 900 },
  activityHeight: { min: 80, max: 600 },
} as const;

/** Which lines a Logs tab shows: one stream or all, and a case-insensitive search (as the service's). */
export interface LogQuery {
  stream: LogStream | 'all';
  search: string;
}

/** The output of one launched plugin, kept only while its Logs tab is open. */
export interface LogView {
  query: LogQuery;
  /** Lines matching the query, oldest first, at most LOG_LINES_KEPT. */
  lines: LogLine[];
  /** The first page for this query is on its way (live lines are kept meanwhile). */
  loading: boolean;
  error: ApiError | null;
  /** Older matching lines are not shown here (left out of the page, or dropped by the bound). */
  cut: boolean;
  logPath: string | null;
  /** False when this Studio never launched the plugin: there is no captured output. */
  launched: boolean;
  /** The request the page must answer: an answer to an older query is dropped. */
  request: number;
}

/** The person's answer to a stop that would end processes the Studio did not launch. */
export type StopAnswer = 'stop' | 'remember' | 'cancel';

/** A stop waiting for the person's answer (StopConfirmDialog): every stop of such a plugin asks. */
export interface StopConfirmation {
  /** The plugins the stop touches (one, or every started one for Stop all). */
  ids: string[];
  /** Stop all (named so, whatever the number of plugins it touches). */
  all: boolean;
  /** Those of them the Studio did not launch: named in the dialog. */
  outside: string[];
  answer(choice: StopAnswer): void;
}

export interface StudioData {
  /** A snapshot has been loaded at least once. */
  loaded: boolean;
  /** Why the last snapshot could not be loaded (no token, server gone); null once one loads. */
  loadError: ApiError | null;
  /** The live event stream is up. */
  connected: boolean;
  plugins: Record<string, PluginSnapshot>;
  problems: Record<string, ProblemFile>;
  settings: Settings | null;
  platform: StudioSnapshot['platform'] | null;
  selection: Selection;
  tab: Tab;
  listView: ListView;
  /** Plugins picked for a bulk start or stop (Ctrl/Shift click, Space, Shift+arrows); the open one is `selection`. */
  picked: string[];
  layout: Layout;
  pending: Record<string, PendingTransition>;
  /** The last failed start/stop per plugin, shown on its row until it next succeeds. */
  rowFailures: Record<string, ApiError>;
  consoles: Record<string, ConsoleState>;
  subscriptions: Record<string, Subscription>;
  /** The results so far of the collection runs this page has under way, by run id. */
  collectionRuns: Record<string, RequestResult[]>;
  /** Open Logs tabs by plugin id; output of plugins without one is not kept here. */
  logs: Record<string, LogView>;
  activity: ActivityEntry[];
  toasts: Toast[];
  /** The stop waiting for the person's answer, if any. */
  confirmation: StopConfirmation | null;
  /** Source of ids for activity entries, toasts and notifications. */
  seq: number;
}

export const NOTIFICATIONS_KEPT = 1000;
/** Per open Logs tab: enough to scroll back a good while, small enough to render smoothly. */
export const LOG_LINES_KEPT = 5000;
export const ACTIVITY_KEPT = 2000;
export const TOASTS_SHOWN = 5;
