/**
 * Launches and supervises plugin processes: one SupervisedProcess per plugin id, one orphan guard
 * for them all, and a periodic CPU/memory sample. It outlives a registry: the Studio reopens its
 * registry when the folders change, and the processes must not restart because of that. Events
 * (`log`, `process`, `process-stats`, `warning`) have the registry's event shapes; a registry
 * that is given this supervisor forwards them.
 */
import { EventEmitter } from 'node:events';
import { GoPlugError } from '../errors.js';
import { disposer } from '../disposers.js';
import type { Disposer, ProcessInfo, ProcessSample, RegistryEvent } from '../types.js';
import type { LogBufferLimits, LogPage, LogQuery } from './logBuffer.js';
import type { LogFileLimits } from './logFile.js';
import { OrphanGuard } from './orphanGuard.js';
import type { BackoffSettings, BudgetSettings } from './restartPolicy.js';
import {
  SupervisedProcess,
  type LaunchSpec,
  type ProcessHost,
  type ProcessSettings,
} from './supervisedProcess.js';

export type { LaunchSpec } from './supervisedProcess.js';

export interface SupervisorOptions {
  /** Folder for the rotated log files (`<id, URI-encoded>.log`); no files when absent. */
  logDir?: string;
  /** Default 1 MiB × 3 files per plugin. */
  logFile?: LogFileLimits;
  /** Default 10,000 lines / 4 MiB per stream per plugin. */
  logBuffer?: LogBufferLimits;
  /** Default 1 s, doubling, at most 30 s. */
  backoff?: BackoffSettings;
  /** Default at most 5 crashes in 3 minutes. */
  budget?: BudgetSettings;
  /** CPU/memory sampling period (and a first sample as each process is ready); 0 turns it off. Default 2 s. */
  statsIntervalMs?: number;
  /** Start the orphan guard (see orphanGuard.ts). Default true. */
  orphanGuard?: boolean;
}

export type SupervisorEvent = Extract<
  RegistryEvent,
  { type: 'log' | 'process' | 'process-stats' | 'warning' }
>;

export class ProcessSupervisor {
  readonly #emitter = new EventEmitter();
  readonly #processes = new Map<string, SupervisedProcess>();
  readonly #host: ProcessHost;
  readonly #guard: OrphanGuard | undefined;
  readonly #statsTimer: NodeJS.Timeout | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: SupervisorOptions = {}) {
    this.#emitter.setMaxListeners(0);
    const settings: ProcessSettings = {
      backoff: options.backoff ?? {},
      budget: options.budget ?? {},
      logBuffer: options.logBuffer ?? {},
      logDir: options.logDir,
      logFile: options.logFile ?? {},
    };
    const interval = options.statsIntervalMs ?? 2_000;
    const emit = (event: SupervisorEvent): void => {
      this.#emitter.emit('event', event);
      // Figures as soon as it is ready, rather than "not sampled yet" until the next tick.
      if (interval > 0 && event.type === 'process' && event.change === 'ready') void this.#sample([event.id]);
    };
    this.#guard =
      options.orphanGuard === false
        ? undefined
        : new OrphanGuard((message) => emit({ type: 'warning', message }));
    this.#host = { settings, guard: this.#guard, emit: emit as (event: RegistryEvent) => void };
    if (interval > 0) {
      this.#statsTimer = setInterval(() => void this.#sample([...this.#processes.keys()]), interval);
      this.#statsTimer.unref();
    }
  }

  /** Every supervisor event goes to `listener` until the returned disposer is called. */
  on(type: 'event', listener: (event: SupervisorEvent) => void): Disposer {
    this.#emitter.on(type, listener);
    return disposer(() => this.#emitter.off(type, listener));
  }

  /** The orphan guard's pid, once it runs. */
  get guardPid(): number | undefined {
    return this.#guard?.pid;
  }

  /** Launches the plugin (the user asked: a fresh crash budget) and resolves once it is ready. */
  async start(spec: LaunchSpec): Promise<ProcessInfo> {
    if (this.#closing) throw new GoPlugError('NOT_STARTED', 'the process supervisor is closed');
    let proc = this.#processes.get(spec.id);
    if (!proc) this.#processes.set(spec.id, (proc = new SupervisedProcess(spec, this.#host)));
    await proc.start(spec);
    return proc.info();
  }

  /** Stops the process with escalation, or cancels a pending restart. Unknown ids: undefined. */
  async stop(id: string): Promise<ProcessInfo | undefined> {
    const proc = this.#processes.get(id);
    if (!proc) return undefined;
    await proc.stop();
    return proc.info();
  }

  info(id: string): ProcessInfo | undefined {
    return this.#processes.get(id)?.info();
  }

  /** A process runs, is being launched or stopped, or waits to restart. */
  isActive(id: string): boolean {
    const state = this.#processes.get(id)?.state;
    return state !== undefined && state !== 'exited' && state !== 'fatal';
  }

  /** The spec the plugin was last launched with. */
  spec(id: string): LaunchSpec | undefined {
    return this.#processes.get(id)?.spec;
  }

  /** Where a running plugin listens (from its .pconf). */
  endpoint(id: string): { sock: string; url: string } | undefined {
    return this.#processes.get(id)?.endpoint;
  }

  ids(): string[] {
    return [...this.#processes.keys()].sort();
  }

  logs(id: string, query?: LogQuery): LogPage | undefined {
    return this.#processes.get(id)?.logs.query(query);
  }

  clearLogs(id: string): boolean {
    const proc = this.#processes.get(id);
    proc?.clearLogs();
    return proc !== undefined;
  }

  logPath(id: string): string | undefined {
    return this.#processes.get(id)?.logPath;
  }

  /** Stops every process (each with its escalation, all at once), ends the guard, writes the logs out. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      clearInterval(this.#statsTimer);
      const processes = [...this.#processes.values()];
      await Promise.all(processes.map((proc) => proc.stop().catch(() => undefined)));
      await this.#guard?.close();
      await Promise.all(processes.map((proc) => proc.flushLogs()));
    })();
    return this.#closing;
  }

  async #sample(ids: string[]): Promise<void> {
    const samples: ProcessSample[] = [];
    for (const id of ids) {
      const proc = this.#processes.get(id);
      const pid = proc?.pid;
      if (proc === undefined || pid === undefined) continue;
      const sample = await proc.sample();
      if (sample) samples.push({ id, pid, ...sample });
    }
    if (samples.length > 0 && !this.#closing) {
      this.#emitter.emit('event', {
        type: 'process-stats',
        samples,
        at: Date.now(),
      } satisfies SupervisorEvent);
    }
  }
}
