/** A group of benchmarks that share set-up (child processes, a registry). */
import type { Profile } from './profile.js';
import type { BenchResult } from './result.js';

export interface SuiteContext {
  profile: Profile;
  /** A temp folder of the suite's own, removed afterwards. */
  dir: string;
  /** Progress for stderr; the table on stdout stays clean. */
  log(message: string): void;
}

export interface Suite {
  name: string;
  run(ctx: SuiteContext): Promise<BenchResult[]>;
}
