/**
 * Runs the bundled sample plugins in a plugin folder: what "Start sample plugins here" in the
 * Studio and `goplug demo` do. Each sample is launched through the process supervisor (no launch
 * manifest file is written): restart on-failure, so a sample killed with SIGKILL comes back on
 * the same socket, output captured, stopped with POST /Stop then signals. A sample is ready once
 * its .pconf is written and its socket answers; a sample that fails is reported with the end of
 * its output, never left running.
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEMO_SAMPLES, type DemoSample } from '../../demo/catalog.js';
import { isGoPlugError } from '../core/errors.js';
import { commandHash } from '../core/launcher/approvals.js';
import { LaunchFailure, ProcessSupervisor, type LaunchSpec } from '../core/launcher/index.js';
import { goFileStem } from '../core/pluginId.js';
import type { LaunchManifest, RestartPolicy } from '../core/types.js';

export interface SampleOptions {
  /** Default: the catalog (demo/catalog.ts). */
  samples?: readonly DemoSample[];
  /** Ids not to start (e.g. already running). */
  exclude?: ReadonlySet<string>;
  /** How long a sample may take to be ready (its startTimeoutMs). Default 15 s. */
  readyTimeoutMs?: number;
  /** The stop budget (its stopTimeoutMs): POST /Stop, SIGTERM at half, SIGKILL at the end. Default 5 s. */
  stopGraceMs?: number;
  /** The Python interpreter. Default `python3`. */
  python?: string;
  /** Default on-failure. */
  restart?: RestartPolicy;
  /**
   * The supervisor to run them in: the Studio passes its own, so the samples show with their logs
   * and process facts. Default: one of their own, closed by stop().
   */
  supervisor?: ProcessSupervisor;
  /** Called as each sample is ready, with its socket path. */
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
  /** Those of `ids` still supervised: running, or coming back after a crash. */
  alive(): string[];
  /** Stops the samples this call started (POST /Stop, then SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
}

export async function startSamples(folder: string, options: SampleOptions = {}): Promise<RunningSamples> {
  const dir = resolve(folder);
  const python = options.python ?? 'python3';
  const wanted = (options.samples ?? DEMO_SAMPLES).filter((sample) => !options.exclude?.has(sample.id));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ownSupervisor = options.supervisor === undefined;
  const supervisor = options.supervisor ?? new ProcessSupervisor();

  const pythonProblem = wanted.some((s) => s.kind === 'python') ? await missingPython(python) : undefined;
  const outcomes = await Promise.all(
    wanted.map(async (sample): Promise<{ id: string; reason?: string }> => {
      const skip = (reason: string) => {
        options.onSkip?.(sample.id, reason);
        return { id: sample.id, reason };
      };
      if (sample.kind === 'python' && pythonProblem !== undefined) return skip(pythonProblem);
      try {
        await supervisor.start(sampleSpec(sample, dir, python, options));
      } catch (err) {
        if (isGoPlugError(err, 'ALREADY_STARTED') && supervisor.isActive(sample.id)) return { id: sample.id };
        return skip(err instanceof LaunchFailure ? err.reason : (err as Error).message);
      }
      const sock = supervisor.endpoint(sample.id)?.sock;
      if (sock !== undefined) options.onReady?.(sample.id, sock);
      return { id: sample.id };
    }),
  );
  const ids = outcomes.filter((o) => o.reason === undefined).map((o) => o.id);
  return {
    ids,
    skipped: outcomes.flatMap((o) => (o.reason === undefined ? [] : [{ id: o.id, reason: o.reason }])),
    alive: () => ids.filter((id) => supervisor.isActive(id)),
    stop: async () => {
      await Promise.all(ids.map((id) => supervisor.stop(id)));
      if (ownSupervisor) await supervisor.close();
    },
  };
}

/** A sample as a launch: `node <entry> --dir DIR` (or python3), in the folder. */
function sampleSpec(sample: DemoSample, folder: string, python: string, options: SampleOptions): LaunchSpec {
  const slash = sample.id.indexOf('/');
  const namespace = sample.id.slice(0, slash);
  const name = sample.id.slice(slash + 1);
  return {
    id: sample.id,
    folder,
    pconfPath: join(folder, `${goFileStem(namespace, name)}.pconf`),
    manifest: {
      name,
      namespace,
      command: sample.kind === 'python' ? python : process.execPath,
      args: [sample.entry, '--dir', folder],
      cwd: folder,
      // Inside Electron, execPath is the Electron binary: make it behave as plain Node.
      env: { ELECTRON_RUN_AS_NODE: '1' },
      autoStart: false,
      restart: options.restart ?? 'on-failure',
      stopTimeoutMs: options.stopGraceMs ?? 5_000,
      startTimeoutMs: options.readyTimeoutMs ?? 15_000,
    },
  };
}

/**
 * The launch of a sample that was started elsewhere exactly as `goplug demo` or "Start sample
 * plugins here" start it (the same program and arguments, read from its process): the Studio can
 * start it again after a stop, as it would start the sample itself.
 */
export function sampleLaunch(id: string, argv: readonly string[] | null, python = 'python3'): LaunchSpec | undefined {
  const sample = DEMO_SAMPLES.find((s) => s.id === id);
  if (!sample || argv?.length !== 4 || argv[2] !== '--dir') return undefined;
  const spec = sampleSpec(sample, argv[3] as string, python, {});
  const same = [spec.manifest.command, ...spec.manifest.args].every((arg, i) => arg === argv[i]);
  return same ? spec : undefined;
}

/**
 * A manifest that runs one of our samples exactly as "Start sample plugins here" would (same
 * program, arguments, folder and environment, from the catalog): it needs no approval, since
 * nothing of it comes from the folder.
 */
export function isSampleCommand(manifest: LaunchManifest, python = 'python3'): boolean {
  const hash = commandHash(manifest);
  return DEMO_SAMPLES.some(
    (sample) => commandHash(sampleSpec(sample, manifest.cwd, python, {}).manifest) === hash,
  );
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
