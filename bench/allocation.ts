/**
 * What one sequential call allocates in the calling process: execute() against a bare undici
 * request to the same SDK plugin, in alternating rounds. Run with a fixed 1 MB young generation,
 * so that each scavenge marks about 1 MB allocated and the count per call is a measure that the
 * machine's load does not move (unlike times):
 *
 *   npx tsc -p bench/tsconfig.json
 *   node --min-semi-space-size=1 --max-semi-space-size=1 dist/bench/bench/allocation.js
 *
 * Prints, per variant, KB allocated per call (scavenges x 1 MB / calls), scavenge time per 1,000
 * calls, CPU per call and p50/p99. Not part of `npm run bench`: a tool for work on the wire client.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { checkEcho, SMALL_BODY, undiciClient } from './lib/bareClients.js';
import { startCallSetup } from './lib/callSetup.js';

const CALLS = 20_000;
const ROUNDS = 3;
const SEMI_SPACE_MB = 1;

interface Tally {
  calls: number;
  scavenges: number;
  scavengeMs: number;
  cpuUs: number;
  ms: number[];
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'gp-alloc-'));
  const setup = await startCallSetup(dir, 1);
  const [id] = setup.plugins.plugins as [string];
  const undici = undiciClient(setup.sockOf(id));
  const variants: Record<string, () => Promise<void>> = {
    execute: async () => {
      const res = await setup.registry.execute(id, 'Echo', SMALL_BODY);
      checkEcho('execute', res.status, res.body);
    },
    undici: () => undici.call(),
  };
  let current: Tally | undefined;
  const observer = new PerformanceObserver((list) => {
    for (const gc of list.getEntries()) {
      const kind = (gc as { detail?: { kind?: number } }).detail?.kind;
      if (current === undefined || kind !== constants.NODE_PERFORMANCE_GC_MINOR) continue;
      current.scavenges++;
      current.scavengeMs += gc.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const tallies = new Map(
    Object.keys(variants).map((name) => [name, { calls: 0, scavenges: 0, scavengeMs: 0, cpuUs: 0, ms: [] } as Tally]),
  );
  try {
    for (const op of Object.values(variants)) for (let i = 0; i < 5000; i++) await op();
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? Object.keys(variants) : Object.keys(variants).reverse();
      for (const name of order) {
        const op = variants[name]!;
        const tally = tallies.get(name)!;
        current = tally;
        const cpu = process.cpuUsage();
        for (let i = 0; i < CALLS; i++) {
          const t0 = performance.now();
          await op();
          tally.ms.push(performance.now() - t0);
        }
        const used = process.cpuUsage(cpu);
        tally.cpuUs += used.user + used.system;
        tally.calls += CALLS;
        // GC entries arrive after the fact: let them in before the next variant starts.
        await new Promise((resolve) => setTimeout(resolve, 20));
        current = undefined;
      }
    }
  } finally {
    observer.disconnect();
    await undici.close();
    await setup.close();
    await rm(dir, { recursive: true, force: true });
  }
  for (const [name, t] of tallies) {
    const sorted = t.ms.sort((a, b) => a - b);
    const at = (q: number) => Math.round(sorted[Math.floor(q * (sorted.length - 1))]! * 1000);
    console.log(
      `${name.padEnd(8)} ${((t.scavenges * SEMI_SPACE_MB * 1024) / t.calls).toFixed(2)} KB/call  ` +
        `scavenge ${((t.scavengeMs * 1000) / t.calls).toFixed(1)} ms/1k calls  ` +
        `cpu ${(t.cpuUs / t.calls).toFixed(1)} us/call  p50 ${at(0.5)} us  p99 ${at(0.99)} us`,
    );
  }
}

await main();
