/**
 * One launched plugin: its process (spawned without a shell, in a process group of its own), its
 * output (ring buffer and log file), its restarts and its stop.
 *
 *   start ─▶ starting ──ready──▶ running ──exit──▶ (policy) ──▶ backoff ──timer──▶ starting ...
 *               │                   │                  │            budget spent ──▶ fatal
 *               └─ failed ─▶ (*)    └─ stop ─▶ stopping └─ no restart ──▶ exited
 *
 * (*) A launch that fails before ready goes to the policy too when it was a restart or the
 * manifest says autoStart; one started by hand is `exited`, and its caller has the error.
 *
 * Stop escalates within the manifest's stopTimeoutMs (stopEscalation.ts): `POST /Stop`, SIGTERM to
 * the group at half of it, SIGKILL when it runs out. Every exit is reaped (Node waits for its
 * children) and the .pconf and socket a killed plugin left behind are removed. Its output is
 * captured by processOutput.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { GoPlugError } from '../errors.js';
import { explainErrno } from '../files/errno.js';
import type {
  LaunchManifest,
  ProcessChange,
  ProcessExit,
  ProcessInfo,
  ProcessState,
  RegistryEvent,
} from '../types.js';
import { LaunchFailure } from './launchFailure.js';
import type { LogBuffer, LogBufferLimits } from './logBuffer.js';
import type { LogFileLimits } from './logFile.js';
import type { OrphanGuard } from './orphanGuard.js';
import { cpuPercent, readProc, type ProcReading } from './procStats.js';
import { whenReady, type ReadyPlugin } from './readiness.js';
import { formatDuration } from '../text/units.js';
import {
  CrashBudget,
  retriesFailedLaunch,
  wantsRestart,
  type BackoffSettings,
  type BudgetSettings,
} from './restartPolicy.js';
import { ProcessOutput } from './processOutput.js';
import { removeStaleFiles } from './staleFiles.js';
import { describeExit, escalateStop, killGroup, type ExitStatus } from './stopEscalation.js';

/** What to launch, and where its .pconf will appear. */
export interface LaunchSpec {
  /** `NameSpace/Name`, as the registry shows it. */
  id: string;
  manifest: LaunchManifest;
  /** The plugin folder: the process gets it as GOPLUG_PLUGIN_DIR. */
  folder: string;
  /** `<folder>/<NameSpace><Name><ext>`: the plugin is ready once this names a listening socket. */
  pconfPath: string;
}

export interface ProcessSettings {
  backoff: BackoffSettings;
  budget: BudgetSettings;
  logBuffer: LogBufferLimits;
  /** Where log files go; none when absent. */
  logDir: string | undefined;
  logFile: LogFileLimits;
}

/** What a process needs from its supervisor. */
export interface ProcessHost {
  readonly settings: ProcessSettings;
  readonly guard: OrphanGuard | undefined;
  emit(event: RegistryEvent): void;
}

/** How long an exited process's pipes may stay open (a grandchild holding them) before we stop reading. */
const DRAIN_MS = 1_000;

/** The process being run: its exit, and when the exit handler is done with it. */
interface Run {
  child: ChildProcess;
  exit: Promise<ExitStatus>;
  /** Settles once the exit handler (clean-up, restart decision) is done with this process. */
  settled: Promise<void>;
}

export class SupervisedProcess {
  readonly id: string;
  spec: LaunchSpec;
  readonly #host: ProcessHost;
  readonly #budget: CrashBudget;
  readonly #output: ProcessOutput;
  #state: ProcessState = 'exited';
  /** The running process; undefined once its exit was handled. */
  #child: ChildProcess | undefined;
  /** The last process spawned, kept after its exit so a start can wait for its exit handler. */
  #run: Run | undefined;
  #ready: ReadyPlugin | undefined;
  #startedAt: number | null = null;
  #restarts = 0;
  #lastExit: ProcessExit | null = null;
  #nextRestartAt: number | null = null;
  #message: string | null = null;
  #timer: NodeJS.Timeout | undefined;
  #launching: { done: Promise<void>; abort: AbortController } | undefined;
  #stopping: Promise<void> | undefined;
  #stopRequested = false;
  #reading: ProcReading | undefined;
  #cpuPercent: number | null = null;
  /** What the clean-up after the last exit did ("removed stale …"), for the line reporting that exit. */
  #leftovers = '';

  constructor(spec: LaunchSpec, host: ProcessHost) {
    this.id = spec.id;
    this.spec = spec;
    this.#host = host;
    const { settings } = host;
    this.#budget = new CrashBudget(settings.backoff, settings.budget);
    this.#output = new ProcessOutput(spec.id, settings, (event) => host.emit(event));
  }

  get logs(): LogBuffer {
    return this.#output.buffer;
  }

  get state(): ProcessState {
    return this.#state;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** The socket and Url from its .pconf, while it is running. */
  get endpoint(): ReadyPlugin | undefined {
    return this.#state === 'running' ? this.#ready : undefined;
  }

  get logPath(): string | undefined {
    return this.#output.path;
  }

  info(now = Date.now()): ProcessInfo {
    return {
      state: this.#state,
      pid: this.#child?.pid ?? null,
      command: this.spec.manifest.command,
      startedAt: this.#startedAt,
      uptimeMs: this.#startedAt === null ? null : now - this.#startedAt,
      restarts: this.#restarts,
      recentCrashes: this.#budget.recent(now),
      lastExit: this.#lastExit,
      nextRestartAt: this.#nextRestartAt,
      cpuPercent: this.#child ? this.#cpuPercent : null,
      rssBytes: this.#child ? (this.#reading?.rssBytes ?? null) : null,
      message: this.#message,
    };
  }

  /**
   * The user (or discovery, for an autoStart manifest) starts it: a fresh crash budget, and a
   * launch now (also out of backoff or fatal). Resolves once the plugin is ready; a failed launch
   * leaves nothing running and rejects at once, and with autoStart it also counts as a crash (see
   * #attempt).
   */
  async start(spec: LaunchSpec): Promise<void> {
    if (this.#stopping) await this.#stopping;
    if (this.#launching) return this.#launching.done;
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      throw new GoPlugError('ALREADY_STARTED', `${this.id} is already running (pid ${child.pid})`);
    }
    // It has just exited: let the exit handler finish first.
    if (child) await this.#run?.settled;
    this.spec = spec;
    this.#cancelRestart();
    this.#budget.reset();
    this.#restarts = 0;
    await this.#attempt(spec.manifest.autoStart);
  }

  /** Stops the process (or a pending restart); resolves once it has exited and been cleaned up after. */
  stop(): Promise<void> {
    if (this.#stopping) return this.#stopping;
    const run = this.#run;
    if (!this.#child || !run) {
      if (this.#state === 'backoff' || this.#state === 'fatal') {
        this.#cancelRestart();
        this.#change('stopped', 'exited', 'stopped; no restart pending any more');
      }
      return Promise.resolve();
    }
    this.#stopping = this.#runStop(run).finally(() => {
      this.#stopping = undefined;
    });
    return this.#stopping;
  }

  /** Takes a CPU and memory reading; null when not running or the system cannot say. */
  async sample(): Promise<{ cpuPercent: number | null; rssBytes: number | null } | null> {
    const pid = this.#child?.pid;
    if (pid === undefined) return null;
    const reading = await readProc(pid);
    if (reading === null || this.#child?.pid !== pid) return null;
    this.#cpuPercent = cpuPercent(this.#reading, reading);
    this.#reading = reading;
    return { cpuPercent: this.#cpuPercent, rssBytes: reading.rssBytes };
  }

  clearLogs(): void {
    this.logs.clear();
  }

  /** Whatever is queued for the log file is written. */
  flushLogs(): Promise<void> {
    return this.#output.flush();
  }

  // ---------- launching ----------

  /**
   * Launches now. A launch that does not get as far as ready is a crash for the restart policy
   * when it is `unattended`: a restart, or a plugin whose manifest says autoStart (the host keeps
   * it running, and the launch usually comes from discovery, with nobody there to see the error).
   * Otherwise a user started it and decides what next. Either way the promise rejects at once.
   */
  async #attempt(unattended: boolean): Promise<void> {
    try {
      await this.#launch();
    } catch (err) {
      // Not 'starting' any more: a stop cut the launch short, and the stop reports that.
      if (this.#state === 'starting') this.#launchFailed(err, unattended);
      throw err;
    }
  }

  #launchFailed(err: unknown, unattended: boolean): void {
    const summary = err instanceof LaunchFailure ? err.summary : (err as Error).message;
    const policy = this.spec.manifest.restart;
    if (!unattended) {
      this.#reportExit(null, 'exited', summary, 'not retried: started by hand (autoStart is false)');
    } else if (!retriesFailedLaunch(policy)) {
      this.#reportExit('exited', 'exited', summary, `restart policy "${policy}": not restarted`);
    } else {
      this.#crashed(summary);
    }
  }

  async #launch(): Promise<void> {
    const abort = new AbortController();
    const done = this.#runLaunch(abort.signal);
    this.#launching = { done, abort };
    try {
      await done;
    } finally {
      this.#launching = undefined;
    }
  }

  async #runLaunch(signal: AbortSignal): Promise<void> {
    const { id, manifest, pconfPath } = this.spec;
    this.#setState('starting', null);
    const stale = await removeStaleFiles(pconfPath);
    if (stale.live !== null) {
      throw new LaunchFailure(
        'ALREADY_STARTED',
        id,
        `is already served on ${stale.live} by a process this host did not launch; not launching a second one`,
        { hint: 'Stop that process first (or start the plugin without launching: it is already running).' },
      );
    }
    if (stale.removed.length > 0)
      this.#output.line('supervisor', `removed stale ${stale.removed.join(' and ')}`);
    await this.#checkCwd(manifest);
    signal.throwIfAborted();
    const { child, exit, settled } = this.#spawn();
    const raceOver = new AbortController();
    let outcome: { ready: ReadyPlugin } | { status: ExitStatus };
    try {
      outcome = await Promise.race([
        whenReady(id, pconfPath, manifest.startTimeoutMs, AbortSignal.any([signal, raceOver.signal])).then(
          (ready) => ({ ready }),
        ),
        exit.then((status) => ({ status })),
      ]);
    } catch (err) {
      // Not ready in time, the wrong .pconf, or a stop: it must not linger half-started.
      if (!this.#stopRequested) killGroup(child, 'SIGKILL');
      const status = await exit;
      await settled;
      if (signal.aborted) throw new LaunchFailure('NOT_STARTED', id, 'was stopped before it was ready');
      if (!(err instanceof LaunchFailure)) throw err;
      const timeout = err.code === 'TIMEOUT';
      throw new LaunchFailure(err.code, id, timeout ? err.reason + this.#output.tail() : err.reason, {
        hint: timeout ? `See the logs of ${id}.` : err.hint,
        summary: `${err.reason}; exited (${describeExit(status)})`,
      });
    } finally {
      raceOver.abort();
    }
    if ('status' in outcome) {
      await settled;
      const { status } = outcome;
      const early = `exited (${describeExit(status)}) before it was ready`;
      throw status.error
        ? new LaunchFailure(
            'CONFIG_INVALID',
            id,
            `could not be launched: ${explainErrno(status.error)}: ${manifest.command}`,
            { hint: `Check "command" in the launch manifest of ${id}.` },
          )
        : new LaunchFailure('PLUGIN_GONE', id, early + this.#output.tail(), {
            hint: `See the logs of ${id}.`,
            summary: early,
          });
    }
    this.#ready = outcome.ready;
    this.#change('ready', 'running', null, `ready on ${this.#ready.sock}`);
  }

  async #checkCwd(manifest: LaunchManifest): Promise<void> {
    const stats = await stat(manifest.cwd).catch((err: unknown) => err as Error);
    if (stats instanceof Error || !stats.isDirectory()) {
      const why = stats instanceof Error ? explainErrno(stats) : 'not a folder';
      throw new LaunchFailure('CONFIG_INVALID', this.id, `cannot be launched in ${manifest.cwd}: ${why}`, {
        hint: `Check "cwd" in the launch manifest of ${this.id}.`,
      });
    }
  }

  #spawn(): Run {
    const { manifest, folder } = this.spec;
    this.#stopRequested = false;
    this.#ready = undefined;
    this.#reading = undefined;
    this.#cpuPercent = null;
    const child = spawn(manifest.command, manifest.args, {
      cwd: manifest.cwd,
      env: { ...process.env, ...manifest.env, GOPLUG_PLUGIN_DIR: folder },
      stdio: ['ignore', 'pipe', 'pipe'],
      // A process group of its own: signals reach the plugin's children too, and a Ctrl-C meant
      // for the host does not hit the plugins before the host can stop them in order.
      detached: true,
      shell: false,
    });
    this.#child = child;
    const exit = this.#watch(child);
    if (child.pid !== undefined) {
      this.#startedAt = Date.now();
      this.#host.guard?.track(child.pid, manifest.stopTimeoutMs);
      this.#change(
        'spawned',
        'starting',
        null,
        `launched pid ${child.pid}: ${[manifest.command, ...manifest.args].join(' ')}`,
      );
    }
    const settled = exit.then((status) => this.#exited(child, status));
    this.#run = { child, exit, settled };
    return this.#run;
  }

  /** Settles once the process exited and its output is read (or given up on). */
  #watch(child: ChildProcess): Promise<ExitStatus> {
    const allRead = this.#output.capture(child);
    return new Promise((resolve) => {
      child.once('error', (error) => {
        // Only a failed spawn counts here; a failed kill() of a running process also lands on 'error'.
        if (child.pid === undefined) resolve({ code: null, signal: null, error });
      });
      child.once('exit', (code, signal) => {
        void Promise.race([allRead, sleep(DRAIN_MS)]).then(() => {
          // A grandchild may hold the pipes open: stop reading rather than wait for it.
          child.stdout?.destroy();
          child.stderr?.destroy();
          resolve({ code, signal });
        });
      });
    });
  }

  /** Every exit ends here: record it, clean up, then restart or not. */
  async #exited(child: ChildProcess, status: ExitStatus): Promise<void> {
    if (this.#child !== child) return;
    if (child.pid !== undefined) this.#host.guard?.untrack(child.pid);
    const requested = this.#stopRequested;
    const wasRunning = this.#state === 'running';
    if (!status.error) {
      this.#lastExit = { code: status.code, signal: status.signal, at: Date.now(), requested };
    }
    this.#leftovers = await this.#cleanUp();
    this.#child = undefined;
    this.#startedAt = null;
    this.#ready = undefined;
    // A launch in progress and a stop in progress decide what comes next, and report the exit.
    if (!wasRunning || requested) return;
    const ended = `exited (${describeExit(status)})`;
    const policy = this.spec.manifest.restart;
    if (!wantsRestart(policy, status.code)) {
      this.#reportExit('exited', 'exited', ended, `restart policy "${policy}": not restarted`);
      return;
    }
    this.#crashed(ended);
  }

  /** A crash counts against the budget: restart after the backoff, or give up. */
  #crashed(ended: string): void {
    const delay = this.#budget.crash();
    if (delay === null) {
      this.#reportExit(
        'fatal',
        'fatal',
        ended,
        `gave up restarting after ${this.#budget.describe()}. Start it again when it is fixed.`,
      );
      return;
    }
    this.#nextRestartAt = Date.now() + delay;
    this.#timer = setTimeout(() => void this.#autoRestart(), delay);
    this.#reportExit(
      'restarting',
      'backoff',
      ended,
      `restarting in ${formatDuration(delay)} (crash ${this.#budget.recent()} of ${this.#budget.describe()})`,
    );
  }

  async #autoRestart(): Promise<void> {
    this.#timer = undefined;
    this.#nextRestartAt = null;
    this.#restarts++;
    // A failure is handled in #attempt (a crash, or a stop's doing); nobody waits for this launch.
    await this.#attempt(true).catch(() => undefined);
  }

  #cancelRestart(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#nextRestartAt = null;
  }

  // ---------- stopping ----------

  async #runStop({ child, exit, settled }: Run): Promise<void> {
    this.#stopRequested = true;
    this.#cancelRestart();
    this.#launching?.abort.abort(new Error('stop requested'));
    const ready = this.#ready;
    this.#setState('stopping', null);
    const how = await escalateStop(this.id, child, exit, ready, this.spec.manifest.stopTimeoutMs);
    const status = await exit;
    await settled;
    this.#reportExit('stopped', 'exited', `stopped ${how} (${describeExit(status)})`);
  }

  /** Removes what a killed plugin left behind; says what it did, for the line reporting the exit. */
  async #cleanUp(): Promise<string> {
    try {
      const { removed } = await removeStaleFiles(this.spec.pconfPath);
      return removed.length > 0 ? `removed stale ${removed.join(' and ')}` : '';
    } catch (err) {
      return `could not remove stale files: ${explainErrno(err)}`;
    }
  }

  // ---------- state, events, output ----------

  #setState(state: ProcessState, message: string | null): void {
    this.#state = state;
    this.#message = message;
  }

  /** A state change worth an event (and a line in the log). */
  #change(
    change: ProcessChange,
    state: ProcessState,
    message: string | null,
    line = message ?? change,
  ): void {
    this.#setState(state, message);
    this.#output.line('supervisor', line);
    this.#host.emit({ type: 'process', id: this.id, change, message: line, process: this.info() });
  }

  /**
   * An exit, reported once: the state, the event (none when `change` is null: the caller of a
   * failed start has the error) and one log line saying how it ended, what the clean-up after it
   * did, and what comes next.
   */
  #reportExit(change: ProcessChange | null, state: ProcessState, ended: string, next = ''): void {
    const message = [ended, next].filter((part) => part !== '').join('; ');
    const line = [ended, this.#leftovers, next].filter((part) => part !== '').join('; ');
    this.#leftovers = '';
    this.#setState(state, message);
    this.#output.line('supervisor', line);
    if (change) this.#host.emit({ type: 'process', id: this.id, change, message, process: this.info() });
  }
}
