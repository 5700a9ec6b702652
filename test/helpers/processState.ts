/** What /proc says about a pid: for "no orphan" and "no zombie" checks on Linux. */
import { readdirSync, readFileSync } from 'node:fs';

/** The state letter from /proc/<pid>/stat (Z = zombie), or null when there is no such process. */
export function procState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null;
  }
}

/** The process is gone for good: no such pid (a zombie would still be listed, with state Z). */
export function isGone(pid: number): boolean {
  return procState(pid) === null;
}

/** Pids whose command line contains every one of `parts` (to find processes a test did not start itself). */
export function pidsWithCommandLine(...parts: string[]): number[] {
  const found: number[] = [];
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parts.every((part) => cmdline.includes(part))) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
