/**
 * Runs a plugin as a real child process and waits for its readiness line
 * (`goplug: <id> ready on <sock>`), with a deadline. Every process started here is killed by
 * `killAllPluginProcesses()` (call it in afterEach).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { withDeadline } from '../../src/core/withDeadline.js';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface PluginProcess {
  child: ChildProcess;
  sock: string;
  id: string;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  exited: Promise<ExitStatus>;
}

const running = new Set<ChildProcess>();

export async function startPluginProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; readyTimeoutMs?: number; uid?: number; gid?: number } = {},
): Promise<PluginProcess> {
  const { env = process.env, readyTimeoutMs, ...user } = options;
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], ...user });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<ExitStatus>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const ready = new Promise<{ id: string; sock: string }>((resolve, reject) => {
    const check = (): void => {
      const match = /^goplug: (\S+) ready on (.+)\n/m.exec(stdout);
      if (match !== null) resolve({ id: match[1] as string, sock: match[2] as string });
    };
    child.stdout?.on('data', check);
    void exited.then(({ code, signal }) =>
      reject(new Error(`${command} ${args.join(' ')} exited (${code ?? signal}) before ready:\n${stderr}`)),
    );
  });
  const { id, sock } = await withDeadline(ready, readyTimeoutMs ?? 15_000, `${args.join(' ')} to be ready`);
  return { child, sock, id, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits for the process to exit, failing after the deadline. */
export function waitForExit(proc: PluginProcess, timeoutMs = 10_000): Promise<ExitStatus> {
  return withDeadline(proc.exited, timeoutMs, `plugin ${proc.id} to exit`);
}

export async function killAllPluginProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          if (!child.kill('SIGKILL')) resolve();
        }),
    ),
  );
}
