/**
 * The `goplug` command as a user runs it (`node bin/goplug.js ...`): a command run to its end
 * (`goplugOnce`), or a long-running child process: `goplug serve` and `goplug demo` for the browser tests. Each runs in its own process
 * group, so that stopping it also ends whatever it started (sample plugins) if it does not
 * stop them itself within the grace period.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_SAMPLES } from '../../demo/catalog.js';
import { REPO_ROOT } from './buildOnce.js';
import { withDeadline } from '../../src/core/withDeadline.js';

export const GOPLUG_BIN = join(REPO_ROOT, 'bin', 'goplug.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one command to its end (30 s at most) with `env` added to ours. */
export function goplugOnce(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'node',
      [GOPLUG_BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 30_000, encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface GoplugProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Polls `find` over the output until it returns a value; fails after the deadline or when the process exits. */
  waitForOutput<T>(find: (stdout: string, stderr: string) => T | undefined, what: string, timeoutMs?: number): Promise<T>;
  /**
   * The exit, once it comes by itself (after a signal the test sent, say); fails after the deadline.
   * Not stop(): its SIGTERM could land while Node tears its signal handlers down, and kill.
   */
  exit(timeoutMs?: number): Promise<Exit>;
  /** SIGTERM; after `graceMs` SIGKILL to the whole process group. Resolves with the exit. */
  stop(graceMs?: number): Promise<Exit>;
}

export function runGoplug(args: string[], env: NodeJS.ProcessEnv = process.env): GoplugProcess {
  const child = spawn(process.execPath, [GOPLUG_BIN, ...args], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  let exit: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve((exit = { code, signal })));
    // A spawn failure (no node?) ends it too; there is no exit event then.
    child.once('error', () => resolve((exit = { code: null, signal: null })));
  });

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async waitForOutput(find, what, timeoutMs = 20_000) {
      const giveUp = Date.now() + timeoutMs;
      for (;;) {
        const found = find(stdout, stderr);
        if (found !== undefined) return found;
        if (exit !== undefined || Date.now() > giveUp) {
          const why = exit ? `goplug ${args[0]} exited (${exit.code ?? exit.signal})` : `not within ${timeoutMs} ms`;
          throw new Error(`waiting for ${what}: ${why}\nstdout: ${stdout}\nstderr: ${stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    exit: (timeoutMs = 10_000) => withDeadline(exited, timeoutMs, `goplug ${args[0]} to exit`),
    async stop(graceMs = 5_000) {
      if (exit !== undefined) return exit;
      child.kill('SIGTERM');
      try {
        return await withDeadline(exited, graceMs, `goplug ${args[0]} to stop`);
      } catch {
        killGroup('SIGKILL');
        return withDeadline(exited, 5_000, `goplug ${args[0]} to die`);
      } finally {
        // Anything it started and left behind (it should not) goes with the group.
        killGroup('SIGKILL');
      }
    },
  };
}

export interface Serve {
  process: GoplugProcess;
  /** `http://127.0.0.1:PORT/?token=TOKEN`, as printed. */
  url: string;
  /** `http://127.0.0.1:PORT/` */
  baseUrl: string;
  token: string;
}

/** `goplug serve --dir DIR --port 0 --data-dir DATA`, once it printed its address line. */
export async function startServe(pluginDir: string, dataDir: string, env?: NodeJS.ProcessEnv): Promise<Serve> {
  const proc = runGoplug(['serve', '--dir', pluginDir, '--port', '0', '--data-dir', dataDir], env);
  try {
    const [url, baseUrl, token] = await proc.waitForOutput((stdout) => {
      const line = /^GoPlug Studio: ((http:\/\/127\.0\.0\.1:\d+\/)\?token=(\S+))\n/.exec(stdout);
      return line ? ([line[1]!, line[2]!, line[3]!] as const) : undefined;
    }, 'the address line of goplug serve');
    return { process: proc, url, baseUrl, token };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}

/** `goplug demo --dir DIR`, once every sample is ready or skipped; `ids` are the ready ones. */
export async function startDemo(dir: string, env?: NodeJS.ProcessEnv): Promise<{ process: GoplugProcess; ids: string[] }> {
  const proc = runGoplug(['demo', '--dir', dir], env);
  try {
    const ids = await proc.waitForOutput((stdout, stderr) => {
      const ready = [...stdout.matchAll(/^ready (\S+) on /gm)].map((m) => m[1]!);
      const skipped = stderr.match(/^skipped /gm) ?? [];
      return ready.length + skipped.length >= DEMO_SAMPLES.length ? ready : undefined;
    }, 'every sample of goplug demo to be ready or skipped');
    return { process: proc, ids };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}
