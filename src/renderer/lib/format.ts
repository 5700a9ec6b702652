/** Human-readable sizes, durations, ages and clock times, all short enough for a 32 px row. */

import { formatDuration as formatSpan } from '../../shared/units.js';

export { formatBytes } from '../../shared/units.js';

/** A measured time, e.g. a round trip: "0.42 ms", "250 ms", "1.50 s". */
export const formatDuration = (ms: number): string => formatSpan(ms, { precise: true });

/** How long ago `at` was, seen from `now`. */
export function formatAge(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local wall-clock time, `HH:MM:SS` or with milliseconds. */
export function formatClock(at: number, withMs = false): string {
  const d = new Date(at);
  const base = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return withMs ? `${base}.${pad(d.getMilliseconds(), 3)}` : base;
}

export function formatDateTime(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(at)}`;
}

/** Events per second over a window, for the callbacks' rate. */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0/s';
  if (perSecond < 1) return `${perSecond.toFixed(2)}/s`;
  return `${perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond)}/s`;
}

/** Whole seconds, for "Starting 3 s". */
export const formatElapsed = (ms: number): string => formatSpan(ms, { whole: true });
