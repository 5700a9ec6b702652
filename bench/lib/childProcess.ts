/**
 * The benchmark's child processes (plugin servers, the cold-start host), seen from the parent.
 * A child talks in JSON lines on stdout; it exits when its stdin closes, so a crashed or
 * interrupted benchmark never leaves servers behind.
 */
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface BenchChild {
  readonly name: string;
  readonly pid: number;
  /** The next JSON line the child writes, or a rejection after `timeoutMs` or if it exits. */
  message<T>(timeoutMs: number): Promise<T>;
  /** Ends stdin (the child cleans up and exits), then SIGKILL if it has not exited in time. */
  stop(timeoutMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
/** Node options for every child, e.g. `--cpu-prof` (see main.ts's --cpu-prof-dir). */
const childNodeArgs: string[] = [];

export function addChildNodeArgs(...args: string[]): void {
  childNodeArgs.push(...args);
}

/**
 * Runs a Node script (an absolute path) with the children's Node options; it is killed by
 * killAllChildren() if still running when the benchmark fails or is interrupted.
 */
export function spawnNode(
  path: string,
  args: readonly string[],
  options: { nodeArgs?: readonly string[]; env?: NodeJS.ProcessEnv } = {},
): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [...childNodeArgs, ...(options.nodeArgs ?? []), path, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Runs `script` (a path relative to the bench folder, e.g. `servers/callServer.js`) with node. */
export function startChild(
  name: string,
  script: string,
  args: readonly string[],
  nodeArgs: readonly string[] = [],
): BenchChild {
  const path = fileURLToPath(new URL(`../${script}`, import.meta.url));
  const child = spawnNode(path, args, { nodeArgs });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let buffered = '';
  let stderr = '';
  let exit: string | undefined;
  const wake = (): void => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    buffered += text;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts.filter((line) => line.trim() !== ''));
    wake();
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = `exited (${code ?? signal})`;
      wake();
      resolve();
    }),
  );
  // A child that exits early closes its stdin; writing then is not our failure.
  child.stdin.on('error', () => {});

  return {
    name,
    pid: child.pid ?? 0,
    async message<T>(timeoutMs: number): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = lines.shift();
        if (line !== undefined) {
          try {
            return JSON.parse(line) as T;
          } catch {
            throw new Error(`${name} wrote a line that is not JSON: ${line.slice(0, 200)}`);
          }
        }
        if (exit !== undefined) throw new Error(`${name} ${exit}; its stderr:\n${stderr}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`${name} said nothing within ${timeoutMs} ms; its stderr:\n${stderr}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    async stop(timeoutMs = 10_000): Promise<void> {
      if (exit !== undefined) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Last resort on the way out (an error or a signal): kill whatever is still running. */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}
