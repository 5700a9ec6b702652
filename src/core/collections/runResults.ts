/** What a collection run reports, for the CLI, the JUnit report and the Studio's page alike (plain data, no Node). */

/** One expectation that did not hold, in short printable text (plugin output is hostile data). */
export interface Difference {
  /** The expectation: status, body, bodyContains, json (with the place, e.g. `json $.items[0]`), maxMs, or call (no answer). */
  check: string;
  expected: string;
  actual: string;
}

export interface RequestResult {
  name: string;
  plugin: string;
  method: string;
  passed: boolean;
  /** The answer's status; null when there was none (the call failed). */
  status: number | null;
  /** From sending to the whole answer, ms (the start of a lazy plugin not included). */
  durationMs: number;
  /** Empty when it passed. */
  differences: Difference[];
}

export interface CollectionRun {
  name: string;
  results: RequestResult[];
  /** Stopped by a cancel before every request ran. */
  cancelled: boolean;
  durationMs: number;
}

/** `status: expected 200, got 500` */
export function describeDifference(d: Difference): string {
  return `${d.check}: expected ${d.expected}, got ${d.actual}`;
}
