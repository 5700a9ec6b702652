/**
 * Measurement loops. Variants compared with each other run interleaved, round after round, so a
 * change in the machine's load (it is shared) hits every variant alike. Every loop is bounded in
 * both count and time.
 */

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
}

/** Sequential calls; returns each variant's samples. */
export async function interleavedLatency(
  variants: readonly LatencyVariant[],
  plan: LatencyPlan,
  progress: (message: string) => void = () => {},
): Promise<Map<string, LatencySamples>> {
  const samples = new Map(variants.map((v) => [v.id, { ms: [], cpuUs: 0 } as LatencySamples]));
  for (const variant of variants) {
    for (let i = 0; i < plan.initialWarmup; i++) await variant.op();
  }
  for (let round = 0; round < plan.rounds; round++) {
    progress(`round ${round + 1}/${plan.rounds}`);
    for (const variant of rotate(variants, round)) {
      for (let i = 0; i < plan.warmup; i++) await variant.op();
      const out = samples.get(variant.id) as LatencySamples;
      const stopAt = performance.now() + plan.maxRoundMs;
      const cpu = process.cpuUsage();
      for (let i = 0; i < plan.perRound && performance.now() < stopAt; i++) {
        const t0 = performance.now();
        await variant.op();
        out.ms.push(performance.now() - t0);
      }
      const used = process.cpuUsage(cpu);
      out.cpuUs += used.user + used.system;
    }
  }
  return samples;
}

export interface ThroughputVariant {
  id: string;
  /** `i` counts the calls of one run, e.g. to spread them over several plugins. */
  op: (i: number) => Promise<unknown>;
  inflight: number;
}

export interface ThroughputPlan {
  rounds: number;
  /** Each variant runs this long per round (after its warm-up). */
  roundMs: number;
  warmupMs: number;
  /** Upper bound of calls per run, whatever the time. */
  maxOps: number;
}

/** Completed calls per second with `inflight` callers; returns each variant's rate per round. */
export async function interleavedThroughput(
  variants: readonly ThroughputVariant[],
  plan: ThroughputPlan,
  progress: (message: string) => void = () => {},
): Promise<Map<string, number[]>> {
  const rates = new Map(variants.map((v) => [v.id, [] as number[]]));
  for (let round = 0; round < plan.rounds; round++) {
    progress(`round ${round + 1}/${plan.rounds}`);
    for (const variant of rotate(variants, round)) {
      await run(variant, plan.warmupMs, plan.maxOps);
      (rates.get(variant.id) as number[]).push(await run(variant, plan.roundMs, plan.maxOps));
    }
  }
  return rates;
}

/** Runs `inflight` callers until `ms` have passed or `maxOps` calls were issued; returns calls/s. */
async function run(variant: ThroughputVariant, ms: number, maxOps: number): Promise<number> {
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
  return completed / ((performance.now() - t0) / 1000);
}

/** The variants in a different order each round, so none is always first or last. */
function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
