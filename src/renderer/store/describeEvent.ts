/** One activity-log line per event, in words a plugin author reads at a glance. */
import type { PluginSnapshot, StateChange, StudioEvent } from '../../shared/contract.js';
import { isPluginEvent, type PluginEvent } from '../../shared/events.js';
import type { ActivityLevel } from './types.js';
import { countOf } from '../../shared/units.js';

export interface EventLine {
  event: string;
  plugin?: string;
  message: string;
  level: ActivityLevel;
}

/**
 * The lines one event adds to the activity log. A plugin's events carry its whole snapshot, and
 * the service keeps only the newest per plugin in a batch, so what happened is read from the
 * state history the snapshot brings (`before` is the plugin as last seen): each new entry is a
 * line of its own, with its reason, at the time the batch arrived (the log stays in time order;
 * the Overview's state history has each change's own time). A `changed` event that brings no new entry (process facts,
 * methods) adds nothing: the views show it, and the process events say what happened.
 */
export function describeEvent(event: StudioEvent, before?: PluginSnapshot): EventLine[] {
  if (isPluginEvent(event)) return describePluginEvent(event.type, event.plugin, before);
  const line = describeOtherEvent(event);
  return line ? [line] : [];
}

function describePluginEvent(
  type: string,
  p: PluginSnapshot,
  before: PluginSnapshot | undefined,
): EventLine[] {
  const fresh = before === undefined ? [] : historySince(before.history, p.history);
  const lines = fresh.map((change) => pluginLine(change.state, p, change.reason));
  const told = fresh.at(-1)?.state === type || (type === 'changed' && fresh.length > 0);
  if (type !== 'changed' && !told) {
    // First sight of the plugin: its latest reason is news too.
    lines.push(pluginLine(type, p, before === undefined ? p.history.at(-1)?.reason : undefined));
  }
  return lines;
}

function pluginLine(type: string, p: PluginSnapshot, reason?: string): EventLine {
  const details =
    type === 'started'
      ? countOf(p.methods.length, 'method')
      : type === 'discovered'
        ? p.confPath || p.sock
        : '';
  const message = [type, details, reason].filter(Boolean).join(' — ');
  return { event: type, plugin: p.id, message, level: 'info' };
}

/** The entries of `now` after the last one of `then` (all of them when that one was shifted out). */
function historySince(then: readonly StateChange[], now: readonly StateChange[]): StateChange[] {
  const last = then.at(-1);
  if (last === undefined) return [...now];
  for (let i = now.length - 1; i >= 0; i--) {
    const change = now[i]!;
    if (change.at === last.at && change.state === last.state && change.reason === last.reason) {
      return now.slice(i + 1);
    }
  }
  return [...now];
}

function describeOtherEvent(event: Exclude<StudioEvent, PluginEvent>): EventLine | null {
  switch (event.type) {
    case 'error':
      return {
        event: 'error',
        plugin: event.id ?? event.path,
        message: `${event.error.code}: ${event.error.message}`,
        level: 'error',
      };
    case 'warning':
      return { event: 'warning', plugin: event.id ?? event.path, message: event.message, level: 'warning' };
    case 'conflict':
      return {
        event: 'conflict',
        plugin: event.id,
        message: `${event.loser} ignored: ${event.winner} already defines ${event.id}`,
        level: 'warning',
      };
    case 'problem':
      return {
        event: 'problem',
        plugin: event.problem.fileName,
        message: event.problem.reason,
        level: 'warning',
      };
    case 'problem-cleared':
      return {
        event: 'problem cleared',
        plugin: event.path,
        message: 'the file is fine now or gone',
        level: 'info',
      };
    case 'subscription-ended':
      return {
        event: 'unsubscribed',
        message: event.error
          ? `callback subscription ended: ${event.error.code}: ${event.error.message}`
          : 'callback subscription ended',
        level: event.error ? 'error' : 'info',
      };
    case 'settings':
      return { event: 'settings', message: 'settings changed', level: 'info' };
    case 'notice':
      return { event: 'notice', message: event.message, level: 'warning' };
    case 'process':
      return {
        event: `process ${event.change}`,
        plugin: event.id,
        message: event.message,
        level:
          event.change === 'fatal'
            ? 'error'
            : event.change === 'restarting' || event.change === 'exited'
              ? 'warning'
              : 'info',
      };
    case 'notification':
    case 'log':
    case 'process-stats':
    case 'collection-result':
      // Far too many to log one by one; the Callbacks, Logs and Collections views and the process facts show them.
      return null;
  }
}
