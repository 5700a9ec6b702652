/**
 * Folds a batch of events into the state in one pass, copying each collection at most once, so
 * that 1,000 plugins changing at once cost one render.
 */
import type { EventBatch, LogLine, PluginSnapshot, ProcessSample } from '../../shared/contract.js';
import { isPluginEvent } from '../../shared/events.js';
import { appendBounded } from './bounded.js';
import { describeEvent } from './describeEvent.js';
import { appendLive } from './logViews.js';
import {
  ACTIVITY_KEPT,
  NOTIFICATIONS_KEPT,
  TOASTS_SHOWN,
  type ActivityEntry,
  type Notification,
  type StudioData,
  type Toast,
} from './types.js';

type Changes = Pick<
  StudioData,
  | 'plugins'
  | 'problems'
  | 'settings'
  | 'subscriptions'
  | 'collectionRuns'
  | 'pending'
  | 'rowFailures'
  | 'logs'
  | 'activity'
  | 'toasts'
  | 'seq'
>;

/** A stats sample applied to the process it was taken of (a restarted process has another pid). */
function withSample(plugin: PluginSnapshot, sample: ProcessSample, at: number): PluginSnapshot {
  const proc = plugin.process;
  if (!proc || proc.pid !== sample.pid) return plugin;
  return {
    ...plugin,
    process: {
      ...proc,
      cpuPercent: sample.cpuPercent,
      rssBytes: sample.rssBytes,
      uptimeMs: proc.startedAt === null ? proc.uptimeMs : Math.max(0, at - proc.startedAt),
    },
  };
}

export function applyEvents(state: StudioData, batch: EventBatch, now: number): Changes {
  let plugins = state.plugins;
  let problems = state.problems;
  let subscriptions = state.subscriptions;
  let collectionRuns = state.collectionRuns;
  let rowFailures = state.rowFailures;
  let pending = state.pending;
  let settings = state.settings;
  let seq = state.seq;
  const logged: ActivityEntry[] = [];
  const toasts: Toast[] = [];
  const arrived = new Map<string, Notification[]>();
  // Output of plugins with an open Logs tab, gathered per plugin and appended once per batch.
  const output = new Map<string, LogLine[]>();

  // Copy-on-first-write helpers: a batch of 1,000 events copies each record once.
  const own = {
    plugins: () => (plugins === state.plugins ? (plugins = { ...plugins }) : plugins),
    problems: () => (problems === state.problems ? (problems = { ...problems }) : problems),
    subscriptions: () =>
      subscriptions === state.subscriptions ? (subscriptions = { ...subscriptions }) : subscriptions,
    rowFailures: () => (rowFailures === state.rowFailures ? (rowFailures = { ...rowFailures }) : rowFailures),
    pending: () => (pending === state.pending ? (pending = { ...pending }) : pending),
  };

  for (const event of batch) {
    const before = isPluginEvent(event) ? plugins[event.plugin.id] : undefined;
    if (event.type === 'removed') {
      delete own.plugins()[event.plugin.id];
      if (pending[event.plugin.id]) delete own.pending()[event.plugin.id];
    } else if (isPluginEvent(event)) {
      own.plugins()[event.plugin.id] = event.plugin;
      if (event.type === 'started' && rowFailures[event.plugin.id]) delete own.rowFailures()[event.plugin.id];
    }
    switch (event.type) {
      case 'problem':
        // The same fault found again (a second write of the file, a rescan): nothing new to log.
        if (JSON.stringify(problems[event.problem.path]) === JSON.stringify(event.problem)) continue;
        own.problems()[event.problem.path] = event.problem;
        break;
      case 'problem-cleared':
        delete own.problems()[event.path];
        break;
      case 'settings':
        settings = event.settings;
        break;
      case 'notification': {
        if (!subscriptions[event.subscriptionId]) break; // ended or cleared meanwhile
        const list = arrived.get(event.subscriptionId) ?? [];
        list.push({
          seq: ++seq,
          at: event.at,
          receivedAt: now,
          size: event.body.size,
          base64: event.body.base64,
          backlog: event.backlog,
        });
        arrived.set(event.subscriptionId, list);
        break;
      }
      case 'collection-result': {
        const results = collectionRuns[event.runId];
        if (!results) break; // not a run of this page's, or over
        collectionRuns = { ...collectionRuns, [event.runId]: Object.assign([...results], { [event.index]: event.result }) };
        break;
      }
      case 'subscription-ended': {
        const sub = subscriptions[event.subscriptionId];
        if (sub && !sub.ended) {
          own.subscriptions()[event.subscriptionId] = {
            ...sub,
            ended: { at: now, ...(event.error ? { error: event.error } : {}) },
          };
        }
        break;
      }
      case 'process': {
        const plugin = plugins[event.id];
        if (plugin) own.plugins()[event.id] = { ...plugin, process: event.process };
        break;
      }
      case 'process-stats':
        for (const sample of event.samples) {
          const plugin = plugins[sample.id];
          const updated = plugin && withSample(plugin, sample, event.at);
          if (updated && updated !== plugin) own.plugins()[sample.id] = updated;
        }
        break;
      case 'log': {
        if (!state.logs[event.id]) break; // nobody is looking: the service keeps it
        const list = output.get(event.id) ?? [];
        for (const line of event.lines) list.push(line);
        output.set(event.id, list);
        break;
      }
      case 'notice':
        toasts.push({ id: ++seq, level: 'info', message: event.message });
        break;
      case 'error':
      case 'warning':
      case 'conflict':
        break; // logged below; the plugin's own snapshot carries its error
    }
    for (const line of describeEvent(event, before)) logged.push({ seq: ++seq, at: now, ...line });
  }

  for (const [subscriptionId, items] of arrived) {
    const sub = subscriptions[subscriptionId];
    if (!sub) continue;
    own.subscriptions()[subscriptionId] = {
      ...sub,
      notifications: appendBounded(sub.notifications, items, NOTIFICATIONS_KEPT),
      count: sub.count + items.length,
      backlog: sub.backlog + items.filter((n) => n.backlog).length,
    };
  }

  let logs = state.logs;
  for (const [id, lines] of output) {
    const view = logs[id];
    if (!view) continue;
    const next = appendLive(view, lines);
    if (next !== view) logs = { ...logs, [id]: next };
  }

  return {
    plugins,
    problems,
    settings,
    subscriptions,
    collectionRuns,
    pending,
    rowFailures,
    logs,
    activity: appendBounded(state.activity, logged, ACTIVITY_KEPT),
    toasts: appendBounded(state.toasts, toasts, TOASTS_SHOWN),
    seq,
  };
}
