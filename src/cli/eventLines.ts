/**
 * Registry events as lines: JSON for programs (`goplug watch`, `goplug up --json`), or text a
 * person reads in a terminal (`goplug up`): one line per event worth telling, plugin output as
 * `<id> out| <line>` (or `err|`). Everything from a plugin or a file goes through printable(), so
 * no escape sequence reaches the terminal.
 */
import { basename } from 'node:path';
import { printable } from '../core/text/safeText.js';
import type { RegistryEvent } from '../core/types.js';
import { terminalJson } from './terminalJson.js';

/** The lines for one event; none for the chatty ones (changed, starting, stopping, stats). */
export function eventLines(event: RegistryEvent, time = new Date()): string[] {
  const at = time.toISOString().slice(11, 23);
  const line = (what: string, id: string, details = ''): string =>
    printable(`${at} ${what} ${id}${details === '' ? '' : `: ${details}`}`);
  switch (event.type) {
    case 'discovered': {
      const p = event.plugin;
      const from = p.manifestPath ? `launch manifest ${basename(p.manifestPath)}` : basename(p.confPath);
      const waiting =
        p.waitingApproval && p.manifestPath
          ? [
              line(
                'waiting',
                p.id,
                `not launched until you approve its command (goplug trust ${p.manifestPath}): ${p.waitingApproval.commandLine}`,
              ),
            ]
          : [];
      return [line('discovered', p.id, `${p.state}, from ${from}`), ...waiting];
    }
    case 'started':
      return [line('started', event.plugin.id, event.plugin.methods.join(', ') || '(no methods)')];
    case 'stopped':
      // A launched plugin's process events already told how it stopped (or crashed).
      return event.plugin.process
        ? []
        : [line('stopped', event.plugin.id, event.plugin.history.at(-1)?.reason ?? '')];
    case 'removed':
      return [line('removed', event.plugin.id)];
    case 'process':
      return [line(event.change, event.id, event.message)];
    case 'log':
      return event.lines
        .filter((l) => l.stream !== 'supervisor')
        .map((l) => printable(`${event.id} ${l.stream === 'stderr' ? 'err' : 'out'}| ${l.text}`));
    case 'error':
      return [line('error', event.id ?? event.path ?? '', `${event.error.code}: ${event.error.message}`)];
    case 'warning':
      return [line('warning', event.id ?? event.path ?? '', event.message)];
    case 'problem':
      return [line('problem', event.problem.fileName, event.problem.reason)];
    case 'problem-cleared':
      return [line('problem-cleared', basename(event.path))];
    case 'conflict':
      return [line('conflict', event.id, `${event.loser} ignored, ${event.winner} holds it`)];
    default:
      return [];
  }
}

/** The event as one JSON object with the time (notification bodies as base64). */
export function jsonEventLine(event: RegistryEvent, time = new Date()): string {
  const at = time.toISOString();
  return terminalJson(
    event.type === 'notification'
      ? { time: at, ...event, body: Buffer.from(event.body).toString('base64') }
      : { time: at, ...event },
  );
}
