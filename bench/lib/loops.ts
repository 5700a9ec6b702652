/**
 * Measurement loops. Variants compared with each other run interleaved, round after round, so a
 * change in the machine's load (it is shared) hits every variant alike. Every loop is bounded in
 * both count and time.
 */

import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export type Op = () => Promise<unknown>;

export interface LatencyVariant {
  id: string;
  op: Op;
}

export interface LatencyPlan {
  rounds: number;
  /** Timed calls per variant per round. */
  perRound: number;
  /** Untimed calls per variant before the first round: undici needs thousands to be fully optimised. */
  initialWarmup: number;
  /** Untimed calls per variant at the start of each round (caches, connection state). */
  warmup: number;
  /** A round of one variant stops after this long even if perRound calls are not done. */
  maxRoundMs: number;
}

export interface LatencySamples {
  /** Milliseconds per call. */
  ms: number[];
  /** CPU time (user + system) this process spent during the timed calls, microseconds. */
  cpuUs: number;
  /**
   * Young-generation collections (scavenges) in this process during the timed calls, and their
   * time in ms: how much a call allocates, seen without the machine's noise.
   */
  scavenges: number;
  scavengeMs: number;
}

/** Sequential calls; returns each variant's samples. */
export async function interleavedLatency(
  variants: readonly LatencyVariant[],
  plan: LatencyPlan,
  progress: (message: string) => void = () => {},
): Promise<Map<string, LatencySamples>> {
  const samples = new Map(
    variants.map((v) => [v.id, { ms: [], cpuUs: 0, scavenges: 0, scavengeMs: 0 } as LatencySamples]),
  );
  const collections: PerformanceEntry[] = [];
  const gcObserver = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  gcObserver.observe({ entryTypes: ['gc'] });
  /** The timed stretches, to give each collection to the variant that was running. */
  const windows: Array<{ from: number; to: number; out: LatencySamples }> = [];
  for (const variant of variants) {
    for (let i = 0; i < plan.initialWarmup; i++) await variant.op();
  }
  for (let round = 0; round < plan.rounds; round++) {
    progress(`round ${round + 1}/${plan.rounds}`);
    for (const variant of rotate(variants, round)) {
      for (let i = 0; i < plan.warmup; i++) await variant.op();
      const out = samples.get(variant.id) as LatencySamples;
      const from = performance.now();
      const stopAt = from + plan.maxRoundMs;
      const cpu = process.cpuUsage();
      for (let i = 0; i < plan.perRound && performance.now() < stopAt; i++) {
        const t0 = performance.now();
        await variant.op();
        out.ms.push(performance.now() - t0);
      }
      const used = process.cpuUsage(cpu);
      out.cpuUs += used.user + used.system;
      windows.push({ from, to: performance.now(), out });
    }
  }
  // GC entries are delivered after the fact: wait for the last ones, then place each by its time.
  await new Promise((resolve) => setTimeout(resolve, 50));
  collections.push(...gcObserver.takeRecords());
  gcObserver.disconnect();
  for (const gc of collections) {
    if ((gc as { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MINOR) continue;
    const window = windows.find((w) => gc.startTime >= w.from && gc.startTime < w.to);
    if (window === undefined) continue;
    window.out.scavenges++;
    window.out.scavengeMs += gc.duration;
  }
  return samples;
}

export interface ThroughputVariant {
  id: string;
  /** `i` counts the calls of one run, e.g. to spread them over several plugins. */
  op: (i: number) => Promise<unknown>;
  inflight: number;
  /** CPU microseconds the server process has used so far, to report its cost per call. */
  serverCpuUs?: () => number | undefined;
}

export interface ThroughputPlan {
  rounds: number;
  /** Each variant runs this long per round (after its warm-up). */
  roundMs: number;
  warmupMs: number;
  /** Upper bound of calls per run, whatever the time. */
  maxOps: number;
}

export interface ThroughputSamples {
  /** Calls per second, one per round. */
  rates: number[];
  /** Server CPU microseconds per call over all rounds, when the variant can tell. */
  serverCpuUs: number | undefined;
}

/** Completed calls per second with `inflight` callers, per round. */
export async function interleavedThroughput(
  variants: readonly ThroughputVariant[],
  plan: ThroughputPlan,
  progress: (message: string) => void = () => {},
): Promise<Map<string, ThroughputSamples>> {
  const totals = new Map(
    variants.map((v) => [v.id, { rates: [] as number[], calls: 0, cpuUs: 0, cpuKnown: true }]),
  );
  for (let round = 0; round < plan.rounds; round++) {
    progress(`round ${round + 1}/${plan.rounds}`);
    for (const variant of rotate(variants, round)) {
      await run(variant, plan.warmupMs, plan.maxOps);
      const total = totals.get(variant.id) as {
        rates: number[];
        calls: number;
        cpuUs: number;
        cpuKnown: boolean;
      };
      const cpuBefore = variant.serverCpuUs?.();
      const { rate, calls } = await run(variant, plan.roundMs, plan.maxOps);
      const cpuAfter = variant.serverCpuUs?.();
      total.rates.push(rate);
      total.calls += calls;
      if (cpuBefore === undefined || cpuAfter === undefined) total.cpuKnown = false;
      else total.cpuUs += cpuAfter - cpuBefore;
    }
  }
  return new Map(
    [...totals].map(([id, t]) => [
      id,
      { rates: t.rates, serverCpuUs: t.cpuKnown && t.calls > 0 ? t.cpuUs / t.calls : undefined },
    ]),
  );
}

/** Runs `inflight` callers until `ms` have passed or `maxOps` calls were issued. */
async function run(
  variant: ThroughputVariant,
  ms: number,
  maxOps: number,
): Promise<{ rate: number; calls: number }> {
  let issued = 0;
  let completed = 0;
  const t0 = performance.now();
  const stopAt = t0 + ms;
  const caller = async (): Promise<void> => {
    while (issued < maxOps && performance.now() < stopAt) {
      await variant.op(issued++);
      completed++;
    }
  };
  await Promise.all(Array.from({ length: variant.inflight }, caller));
  return { rate: completed / ((performance.now() - t0) / 1000), calls: completed };
}

/** The variants in a different order each round, so none is always first or last. */
function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
