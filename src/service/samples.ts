/**
 * Runs the bundled sample plugins as child processes in a plugin folder: what "Start sample
 * plugins here" in the Studio and `goplug demo` do. A sample is ready when it prints its
 * readiness line (`goplug: <id> ready on <sock>`), which the SDK and the Python sample print
 * only after the socket listens and the .pconf is written. Each wait has a deadline; a sample
 * that fails is reported with the end of its output, never left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { DEMO_SAMPLES, type DemoSample } from '../../demo/catalog.js';

export interface SampleOptions {
  /** Default: the catalog (demo/catalog.ts). */
  samples?: readonly DemoSample[];
  /** Ids not to start (e.g. already running). */
  exclude?: ReadonlySet<string>;
  /** How long a sample may take to announce itself. Default 15 s. */
  readyTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL. Default 3 s. */
  stopGraceMs?: number;
  /** The Python interpreter. Default `python3`. */
  python?: string;
  /** Called as each sample announces itself, with its socket path. */
  onReady?(id: string, sock: string): void;
  /** Called for each sample that is not running, with the reason. */
  onSkip?(id: string, reason: string): void;
}

export interface SampleProblem {
  id: string;
  reason: string;
}

export interface RunningSamples {
  /** Samples that are running and announced themselves. */
  ids: string[];
  /** Samples not running, each with a reason (no Python, failed to start, ...). */
  skipped: SampleProblem[];
  /** Those of `ids` whose process has not exited since. */
  alive(): string[];
  /** Stops the samples this call started: SIGTERM, then SIGKILL after the grace period. */
  stop(): Promise<void>;
}

const OUTPUT_TAIL_CHARS = 2_000;

export async function startSamples(folder: string, options: SampleOptions = {}): Promise<RunningSamples> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 15_000;
  const stopGraceMs = options.stopGraceMs ?? 3_000;
  const python = options.python ?? 'python3';
  const wanted = (options.samples ?? DEMO_SAMPLES).filter((sample) => !options.exclude?.has(sample.id));
  await mkdir(folder, { recursive: true, mode: 0o700 });

  const pythonProblem = wanted.some((s) => s.kind === 'python') ? await missingPython(python) : undefined;
  const outcomes = await Promise.all(
    wanted.map(async (sample): Promise<{ id: string; child?: ChildProcess; reason?: string }> => {
      const skip = (reason: string) => {
        options.onSkip?.(sample.id, reason);
        return { id: sample.id, reason };
      };
      if (sample.kind === 'python' && pythonProblem !== undefined) return skip(pythonProblem);
      const child = launch(sample, folder, python);
      const ready = await whenReady(sample.id, child, readyTimeoutMs);
      if (ready.ok) {
        options.onReady?.(sample.id, ready.sock);
        return { id: sample.id, child };
      }
      await terminate(child, stopGraceMs);
      return skip(ready.reason);
    }),
  );
  const running = outcomes.filter((o) => o.child !== undefined);
  return {
    ids: running.map((o) => o.id),
    skipped: outcomes.flatMap((o) => (o.reason === undefined ? [] : [{ id: o.id, reason: o.reason }])),
    alive: () =>
      running.filter((o) => o.child!.exitCode === null && o.child!.signalCode === null).map((o) => o.id),
    stop: async () => {
      await Promise.all(running.map((o) => terminate(o.child!, stopGraceMs)));
    },
  };
}

function launch(sample: DemoSample, folder: string, python: string): ChildProcess {
  const command = sample.kind === 'python' ? python : process.execPath;
  return spawn(command, [sample.entry, '--dir', folder], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Inside Electron, execPath is the Electron binary: make it behave as plain Node.
    env: { ...process.env, GOPLUG_PLUGIN_DIR: folder, ELECTRON_RUN_AS_NODE: '1' },
  });
}

type Readiness = { ok: true; sock: string } | { ok: false; reason: string };

/** The socket once the sample announced itself; else why not (exit, spawn error, deadline). */
function whenReady(id: string, child: ChildProcess, timeoutMs: number): Promise<Readiness> {
  const readyLine = new RegExp(`^goplug: ${escapeRegExp(id)} ready on (.+)\n`, 'm');
  let stdout = '';
  let output = '';
  return new Promise((resolve) => {
    const finish = (result: Readiness): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onStdout);
      child.stdout?.off('data', onOutput);
      child.stderr?.off('data', onOutput);
      child.off('exit', onExit);
      child.off('error', onError);
      // Keep draining: a full pipe would block the sample.
      child.stdout?.resume();
      child.stderr?.resume();
      resolve(result);
    };
    const tail = (): string => (output.trim() === '' ? '' : `: ${output.trim().slice(-OUTPUT_TAIL_CHARS)}`);
    const onOutput = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    };
    const onStdout = (chunk: Buffer): void => {
      stdout = (stdout + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS * 4);
      const sock = readyLine.exec(stdout)?.[1];
      if (sock !== undefined) finish({ ok: true, sock });
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      finish({ ok: false, reason: `exited (${signal ?? `code ${code}`}) before it was ready${tail()}` });
    const onError = (err: Error): void =>
      finish({ ok: false, reason: `could not be launched: ${err.message}` });
    const timer = setTimeout(
      () => finish({ ok: false, reason: `did not announce itself within ${timeoutMs} ms${tail()}` }),
      timeoutMs,
    );
    child.stdout?.on('data', onStdout);
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), graceMs);
  });
  const killed = await Promise.race([exited.then(() => false), graceOver]);
  clearTimeout(timer);
  if (killed) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Undefined when the interpreter runs; else a sentence saying why the Python sample is skipped. */
function missingPython(python: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(python, ['--version'], { stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(`${python} did not answer --version within 5 s`);
    }, 5_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve(`${python} is not available (${err.message}); install Python 3 to run this sample`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? undefined : `${python} --version failed with code ${code}`);
    });
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
