/** One activity-log line per event, in words a plugin author reads at a glance. */
import type { StudioEvent } from '../../shared/contract.js';
import { isPluginEvent } from '../../shared/events.js';
import type { ActivityLevel } from './types.js';

export interface EventLine {
  event: string;
  plugin?: string;
  message: string;
  level: ActivityLevel;
}

export function describeEvent(event: StudioEvent): EventLine | null {
  if (isPluginEvent(event)) {
    const p = event.plugin;
    const reason = p.history.at(-1)?.reason;
    const details =
      event.type === 'started'
        ? `${p.methods.length} method${p.methods.length === 1 ? '' : 's'}`
        : event.type === 'discovered'
          ? p.confPath || p.sock
          : '';
    const message = [event.type, details, reason].filter(Boolean).join(' — ');
    return { event: event.type, plugin: p.id, message, level: 'info' };
  }
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
      // Far too many to log one by one; the Callbacks and Logs tabs and the process facts show them.
      return null;
  }
}
