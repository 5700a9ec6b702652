/**
 * The sample plugin processes the Studio started (and only those): started on request, each id
 * at most once at a time, all stopped when the Studio closes.
 */
import { startSamples, type RunningSamples, type SampleOptions } from './samples.js';

export class SampleProcesses {
  readonly #options: SampleOptions;
  readonly #notice: (message: string) => void;
  #runs: RunningSamples[] = [];
  /** Starts run one at a time so two quick clicks cannot launch a sample twice. */
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(options: SampleOptions, notice: (message: string) => void) {
    this.#options = options;
    this.#notice = notice;
  }

  /** Starts the samples not already running in `folder`; answers every sample id running now. */
  start(folder: string): Promise<string[]> {
    const run = this.#queue.then(async () => {
      if (this.#closed) throw new Error('The Studio is closing; samples are not started any more.');
      const alive = this.#runs.flatMap((r) => r.alive());
      const started = await startSamples(folder, { ...this.#options, exclude: new Set(alive) });
      this.#runs.push(started);
      for (const problem of started.skipped)
        this.#notice(`Sample ${problem.id} was not started: ${problem.reason}`);
      return [...alive, ...started.ids].sort();
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  async stopAll(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    const runs = this.#runs;
    this.#runs = [];
    await Promise.all(runs.map((r) => r.stop()));
  }
}
