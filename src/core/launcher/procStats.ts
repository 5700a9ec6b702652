/**
 * CPU and memory of a process, read from /proc on Linux (`/proc/<pid>/stat` for the CPU time,
 * state and start time, `/proc/<pid>/status` for the resident memory). Anywhere else, or for a
 * process that is gone, the answer is null: the facts are shown when known, never guessed.
 */
import { readFile } from 'node:fs/promises';

/** USER_HZ: the unit of the CPU times in /proc/<pid>/stat; 100 on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

export interface ProcReading {
  /** One letter: R running, S sleeping, D disk wait, Z zombie, T stopped, ... */
  state: string;
  /** User + system CPU time, in ms. */
  cpuMs: number;
  /** When the process started, in clock ticks since boot: with the pid, it names one process for good. */
  startTicks: number;
  rssBytes: number | null;
  /** When this was read (Date.now()). */
  at: number;
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(text: string): string[] | null {
  const close = text.lastIndexOf(')');
  return close < 0 ? null : text.slice(close + 2).split(' ');
}

export async function readProc(pid: number): Promise<ProcReading | null> {
  const at = Date.now();
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = statFields(stat);
  // After the name: state is field 3 of the man page, utime 14, stime 15, starttime 22.
  const state = fields?.[0];
  const utime = Number(fields?.[11]);
  const stime = Number(fields?.[12]);
  const startTicks = Number(fields?.[19]);
  if (
    state === undefined ||
    !Number.isFinite(utime) ||
    !Number.isFinite(stime) ||
    !Number.isFinite(startTicks)
  ) {
    return null;
  }
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const rssKiB = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return {
    state,
    cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND,
    startTicks,
    rssBytes: rssKiB === undefined ? null : Number(rssKiB) * 1024,
    at,
  };
}

/** Percent of one CPU used between two readings of the same process. */
export function cpuPercent(before: ProcReading, after: ProcReading): number | null {
  const wallMs = after.at - before.at;
  if (wallMs <= 0 || after.startTicks !== before.startTicks) return null;
  return Math.max(0, ((after.cpuMs - before.cpuMs) / wallMs) * 100);
}
