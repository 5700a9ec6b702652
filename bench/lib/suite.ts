/** A group of benchmarks that share set-up (child processes, a registry). */
import type { Profile } from './profile.js';
import type { BenchResult } from './result.js';

export interface SuiteContext {
  profile: Profile;
  /** A temp folder of the suite's own, removed afterwards. */
  dir: string;
  /** Progress for stderr; the table on stdout stays clean. */
  log(message: string): void;
  /** Where to write CPU profiles (--cpu-prof-dir), if asked for. */
  cpuProfDir: string | undefined;
}

export interface Suite {
  name: string;
  /** Checked before any suite runs: `error` stops the benchmark, `warning` is shown. */
  prerequisites?(): { error?: string; warning?: string };
  run(ctx: SuiteContext): Promise<BenchResult[]>;
}
