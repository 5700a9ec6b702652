/**
 * CPU time and memory of a process, from pidusage (a maintained library: /proc on Linux, `ps` on
 * macOS and the BSDs, WMI on Windows). A process that is gone, or a system pidusage cannot read,
 * gives null: the facts are shown when known, never guessed.
 */
import pidusage from 'pidusage';

export interface ProcReading {
  /** User + system CPU time, in ms. */
  cpuMs: number;
  /** How long the process has run, in ms. */
  elapsedMs: number;
  /** Resident memory of the process itself (not its children). */
  rssBytes: number;
  /** When this was read (Date.now()). */
  at: number;
}

export async function readProc(pid: number): Promise<ProcReading | null> {
  try {
    const stat = await pidusage(pid);
    return { cpuMs: stat.ctime, elapsedMs: stat.elapsed, rssBytes: stat.memory, at: stat.timestamp };
  } catch {
    return null;
  }
}

/** Two readings closer than this say little (CPU time comes in 10 ms ticks on Linux). */
const MIN_WINDOW_MS = 200;

/**
 * Percent of one CPU between two readings of the same process; without a usable earlier reading,
 * its average since it started, so that a plugin has a figure from its first reading on.
 */
export function cpuPercent(before: ProcReading | undefined, after: ProcReading): number | null {
  const usable = before !== undefined && before.cpuMs <= after.cpuMs && after.at - before.at >= MIN_WINDOW_MS;
  const since = usable ? before : undefined;
  const cpuMs = since ? after.cpuMs - since.cpuMs : after.cpuMs;
  const wallMs = since ? after.at - since.at : after.elapsedMs;
  return wallMs > 0 ? Math.max(0, (cpuMs / wallMs) * 100) : null;
}
