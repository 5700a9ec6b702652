/**
 * How a launched process is ended: within the manifest's stopTimeoutMs, `POST /Stop` first,
 * SIGTERM to its process group at half of it, SIGKILL when it runs out.
 */
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { GoPlugError } from '../errors.js';
import { PluginClient } from '../wire/index.js';
import { formatDuration } from '../text/units.js';
import type { ReadyPlugin } from './readiness.js';

/** After SIGKILL, the kernel ends the process at once unless it is stuck in the kernel (D state). */
const KILL_WAIT_MS = 5_000;

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** A spawn failure (no process ever ran). */
  error?: Error;
}

export function describeExit(status: ExitStatus): string {
  return status.signal !== null ? `killed by ${status.signal}` : `code ${status.code}`;
}

/** Signals the process and its children (its group); the process alone when there is no group. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * Escalates until `exit` settles; says how it ended ("after POST /Stop", ...). Without `ready`
 * (not listening yet) it starts at SIGTERM. Throws TIMEOUT when even SIGKILL does not end it.
 */
export async function escalateStop(
  id: string,
  child: ChildProcess,
  exit: Promise<ExitStatus>,
  ready: ReadyPlugin | undefined,
  budgetMs: number,
): Promise<string> {
  const began = Date.now();
  const exitedWithin = async (untilMs: number): Promise<boolean> => {
    const left = untilMs - (Date.now() - began);
    return left > 0 && (await Promise.race([exit.then(() => true), sleep(left).then(() => false)]));
  };
  if (ready) {
    await askToStop(id, ready, budgetMs / 2);
    if (await exitedWithin(budgetMs / 2)) return 'after POST /Stop';
  }
  killGroup(child, 'SIGTERM');
  if (await exitedWithin(budgetMs)) return 'after SIGTERM';
  killGroup(child, 'SIGKILL');
  if (!(await Promise.race([exit.then(() => true), sleep(KILL_WAIT_MS).then(() => false)]))) {
    throw new GoPlugError('TIMEOUT', `${id} (pid ${child.pid}) did not exit even after SIGKILL`, {
      hint: 'The process is stuck in the kernel (e.g. a hung disk or network filesystem).',
    });
  }
  return `with SIGKILL: it did not exit within ${formatDuration(budgetMs)} (stopTimeoutMs)`;
}

/** `POST /Stop` on the plugin's socket; any failure just means the next step comes sooner. */
async function askToStop(id: string, ready: ReadyPlugin, timeoutMs: number): Promise<void> {
  const client = new PluginClient(
    { sock: ready.sock, url: ready.url, id },
    { connectTimeoutMs: Math.min(1_000, timeoutMs), timeoutMs },
  );
  await client.stop().catch(() => undefined);
  await client.close();
}
