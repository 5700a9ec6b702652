/**
 * Memory measurements for resource-bound tests (a bound, never a timing claim). A full garbage
 * collection runs before each reading, so what is measured is what is still held, not garbage
 * the collector has not reached yet; `--expose-gc` is switched on at run time for that.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface MemoryReading {
  /** Resident set size of the process. */
  rss: number;
  /** JS heap plus Buffers and other memory held outside it. */
  held: number;
}

export function readMemory(): MemoryReading {
  gc();
  const usage = process.memoryUsage();
  return { rss: usage.rss, held: usage.heapUsed + usage.external };
}

/** How much each reading grew from `before`, in MiB (rounded up), for readable failures. */
export function growthMiB(before: MemoryReading, after: MemoryReading): { rss: number; held: number } {
  const mib = (bytes: number) => Math.ceil(bytes / 1024 ** 2);
  return { rss: mib(after.rss - before.rss), held: mib(after.held - before.held) };
}
