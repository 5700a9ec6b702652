/**
 * How much each mode measures. `full` is what docs/PERFORMANCE.md records; `quick` is the CI
 * smoke run (well under two minutes); `smoke` only checks that every part runs (for the test).
 */
import type { LatencyPlan, ThroughputPlan } from './loops.js';

export type Mode = 'full' | 'quick' | 'smoke';

export interface Profile {
  mode: Mode;
  latency: LatencyPlan;
  throughput: ThroughputPlan;
  /** Notification bursts; `count` stays within the SDK's default queue bound (10,000). */
  notify: { rounds: number; count: number };
  /** Plugins for the cold start, served by `servers` child processes. */
  scale: { plugins: number; servers: number };
  discovery: { samples: number; warmup: number; gapMs: number };
  /** Changes beside a watched folder: `rounds` × `perRound` files made and removed, among `entries`. */
  watch: { entries: number; rounds: number; perRound: number };
  /** The Studio in Chromium (see suites/ui.ts). */
  ui: {
    plugins: number;
    /** Child processes serving the plugins. */
    servers: number;
    /** Navigations per list (the empty one and the full one, alternating). */
    paints: number;
    /** Keystrokes measured in the filter box. */
    keystrokes: number;
    changesPerSecond: number;
    changeSeconds: number;
    /** Plugins the state changes go round (the first ones in the list, so some are on screen). */
    toggled: number;
    /** Quiet time for the page after loading and between steps. */
    settleMs: number;
  };
  /** `POST /api/execute` against a direct execute(), sequential. */
  web: LatencyPlan;
}

export const PROFILES: Record<Mode, Profile> = {
  full: {
    mode: 'full',
    latency: { rounds: 6, perRound: 2000, initialWarmup: 5000, warmup: 200, maxRoundMs: 5000 },
    throughput: { rounds: 4, roundMs: 1500, warmupMs: 300, maxOps: 1_000_000 },
    notify: { rounds: 3, count: 10_000 },
    scale: { plugins: 1000, servers: 2 },
    discovery: { samples: 200, warmup: 10, gapMs: 50 },
    watch: { entries: 400, rounds: 5, perRound: 2000 },
    ui: {
      plugins: 1000,
      servers: 2,
      paints: 10,
      keystrokes: 60,
      changesPerSecond: 100,
      changeSeconds: 10,
      toggled: 100,
      settleMs: 1000,
    },
    // The service's execute path in goplug serve needs thousands of calls to be fully optimised.
    web: { rounds: 5, perRound: 1000, initialWarmup: 4000, warmup: 100, maxRoundMs: 5000 },
  },
  quick: {
    mode: 'quick',
    latency: { rounds: 3, perRound: 600, initialWarmup: 3000, warmup: 100, maxRoundMs: 2000 },
    throughput: { rounds: 2, roundMs: 500, warmupMs: 150, maxOps: 1_000_000 },
    notify: { rounds: 1, count: 3000 },
    scale: { plugins: 1000, servers: 2 },
    discovery: { samples: 40, warmup: 5, gapMs: 50 },
    watch: { entries: 400, rounds: 2, perRound: 1000 },
    ui: {
      plugins: 1000,
      servers: 2,
      paints: 4,
      keystrokes: 24,
      changesPerSecond: 100,
      changeSeconds: 5,
      toggled: 100,
      settleMs: 1000,
    },
    web: { rounds: 3, perRound: 300, initialWarmup: 2000, warmup: 50, maxRoundMs: 2000 },
  },
  smoke: {
    mode: 'smoke',
    latency: { rounds: 1, perRound: 20, initialWarmup: 10, warmup: 5, maxRoundMs: 1000 },
    throughput: { rounds: 1, roundMs: 100, warmupMs: 20, maxOps: 1000 },
    notify: { rounds: 1, count: 50 },
    scale: { plugins: 20, servers: 2 },
    discovery: { samples: 3, warmup: 1, gapMs: 5 },
    watch: { entries: 20, rounds: 1, perRound: 20 },
    ui: {
      plugins: 20,
      servers: 1,
      paints: 1,
      keystrokes: 4,
      changesPerSecond: 20,
      changeSeconds: 1,
      toggled: 10,
      settleMs: 200,
    },
    web: { rounds: 1, perRound: 20, initialWarmup: 10, warmup: 5, maxRoundMs: 1000 },
  },
};
