/** The shape of bench/results/latest.json. */

export type Figure = number | boolean | string | null;

/** One measured entry, e.g. `{ id: 'call.execute', p50_us: 180, p99_us: 900, samples: 12000 }`. */
export interface BenchResult {
  id: string;
  [field: string]: Figure;
}

export interface GoalResult {
  id: string;
  text: string;
  /** The measured ratio; for goals with an absolute limit (ms, MB, count), the measured value. */
  ratio: number;
  limit: number;
  /** `ratio <= limit`, or `>=` for goals that ask for at least. */
  cmp: '<=' | '>=';
  met: boolean;
}

export interface MachineInfo {
  nproc: number;
  cpu_model: string;
  node: string;
  platform: string;
  kernel: string;
  total_mem_mb: number;
  /** 1-minute load average when the run started and ended: other work on the machine. */
  load_start: number;
  load_end: number;
}

export interface BenchReport {
  command: string;
  mode: string;
  started_at: string;
  duration_s: number;
  machine: MachineInfo;
  results: BenchResult[];
  goals: GoalResult[];
}
