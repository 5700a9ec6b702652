/**
 * When to restart a launched process, and after how long. The policy decides whether an exit
 * deserves a restart at all; the budget (as vscode-languageclient's: at most 5 crashes in 3
 * minutes) decides when to give up, and the delay doubles with each crash in the window.
 */
import { formatDuration } from '../text/units.js';
import type { RestartPolicy } from '../types.js';

export interface BackoffSettings {
  /** Delay after the first crash. Default 1 s. */
  initialMs?: number;
  /** The delay never grows beyond this. Default 30 s. */
  maxMs?: number;
}

export interface BudgetSettings {
  /** This many crashes within the window: give up. Default 5. */
  maxCrashes?: number;
  /** Default 3 minutes. */
  windowMs?: number;
}

export const DEFAULT_BACKOFF = { initialMs: 1_000, maxMs: 30_000 } as const;
export const DEFAULT_BUDGET = { maxCrashes: 5, windowMs: 3 * 60_000 } as const;

/** An exit the user did not ask for: restart it? (`code` null means a signal ended it.) */
export function wantsRestart(policy: RestartPolicy, code: number | null): boolean {
  return policy === 'always' || (policy === 'on-failure' && code !== 0);
}

/** A launch that never became ready failed, whatever its exit code (it never served): retry it? */
export function retriesFailedLaunch(policy: RestartPolicy): boolean {
  return policy !== 'no';
}

export class CrashBudget {
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #maxCrashes: number;
  readonly #windowMs: number;
  #crashes: number[] = [];

  constructor(backoff: BackoffSettings = {}, budget: BudgetSettings = {}) {
    this.#initialMs = backoff.initialMs ?? DEFAULT_BACKOFF.initialMs;
    this.#maxMs = backoff.maxMs ?? DEFAULT_BACKOFF.maxMs;
    this.#maxCrashes = Math.max(1, budget.maxCrashes ?? DEFAULT_BUDGET.maxCrashes);
    this.#windowMs = budget.windowMs ?? DEFAULT_BUDGET.windowMs;
  }

  /** Records a crash; answers the delay before the next attempt, or null when the budget is spent. */
  crash(now = Date.now()): number | null {
    this.#crashes = [...this.#within(now), now];
    const count = this.#crashes.length;
    if (count >= this.#maxCrashes) return null;
    return Math.min(this.#maxMs, this.#initialMs * 2 ** (count - 1));
  }

  /** Crashes that still count (within the window). */
  recent(now = Date.now()): number {
    return this.#within(now).length;
  }

  /** The user acted (started or restarted it): a fresh budget. */
  reset(): void {
    this.#crashes = [];
  }

  describe(): string {
    return `${this.#maxCrashes} crashes within ${formatDuration(this.#windowMs)}`;
  }

  #within(now: number): number[] {
    return this.#crashes.filter((at) => now - at < this.#windowMs);
  }
}
