/** A launched plugin's process in short words: uptime, CPU, last exit, its command line. */
import type { LaunchManifest, ProcessInfo } from '../../shared/contract.js';
import { countOf, formatDuration } from '../../shared/units.js';
import { formatElapsed } from './format.js';

type ProcessExit = NonNullable<ProcessInfo['lastExit']>;

/** How long the running process has been up at `now`; null when it does not run. */
export function uptimeAt(process: ProcessInfo, now: number): number | null {
  if (process.pid === null || process.startedAt === null) return null;
  return Math.max(0, now - process.startedAt);
}

/** `42 s`, `5 min`, `3 h 12 min`, `2 d 4 h`: the two largest units, no seconds beside minutes (for a row or a fact). */
export const formatUptime = (ms: number): string => formatDuration(ms, { whole: true, beside: 'min' });

export function formatCpu(percent: number): string {
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** `code 0`, `code 1`, `killed by SIGKILL`. */
export function describeExit(exit: ProcessExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `code ${exit.code ?? '?'}`;
}

export const restartsText = (n: number): string => countOf(n, 'restart');

/** How long until a restart that waits in backoff: `in 3 s`, or `now`. One wording for the badge and the Overview. */
export function nextAttemptText(at: number, now: number): string {
  return at > now ? `in ${formatElapsed(at - now + 999)}` : 'now';
}

/** The badge and the Overview count down together, on this tick. */
export const COUNTDOWN_TICK_MS = 500;

/** An argument as a shell would need it, only to show the command line (it is never run by a shell). */
function quoted(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(manifest: Pick<LaunchManifest, 'command' | 'args'>): string {
  return [manifest.command, ...manifest.args].map(quoted).join(' ');
}

/** What the process does, in words, for the Overview. */
export const PROCESS_STATE_TEXT: Record<ProcessInfo['state'], string> = {
  starting: 'starting: waiting for its .pconf and socket',
  running: 'running',
  stopping: 'stopping',
  backoff: 'crashed: restarting after a pause',
  fatal: 'Fatal: gave up restarting',
  exited: 'not running',
};
