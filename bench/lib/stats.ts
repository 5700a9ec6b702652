/** Percentiles and medians of measured samples. */

export interface LatencySummary {
  p50_us: number;
  p99_us: number;
  mean_us: number;
  samples: number;
}

/** Nearest-rank percentile of ascending values; q in [0, 1]. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no samples');
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Sequential-call samples with the caller's CPU time per call (see loops.ts). */
export function summarizeCalls(samples: {
  ms: readonly number[];
  cpuUs: number;
  scavenges: number;
  scavengeMs: number;
}): LatencySummary & { client_cpu_us: number; scavenges_per_10k: number; scavenge_ms_per_10k: number } {
  const per10k = 10_000 / samples.ms.length;
  return {
    ...summarizeMs(samples.ms),
    client_cpu_us: Math.round((samples.cpuUs / samples.ms.length) * 10) / 10,
    scavenges_per_10k: Math.round(samples.scavenges * per10k * 10) / 10,
    scavenge_ms_per_10k: Math.round(samples.scavengeMs * per10k * 10) / 10,
  };
}

/** Samples in milliseconds (performance.now() differences), summarised in microseconds. */
export function summarizeMs(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return {
    p50_us: us(percentile(sorted, 0.5)),
    p99_us: us(percentile(sorted, 0.99)),
    mean_us: us(mean),
    samples: sorted.length,
  };
}

/** Milliseconds to microseconds, rounded to 0.1 us. */
function us(ms: number): number {
  return Math.round(ms * 10_000) / 10;
}

/** Rounds to a few significant digits for reports. */
export function round(value: number, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const scale = 10 ** Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(value))));
  return Math.round(value * scale) / scale;
}
