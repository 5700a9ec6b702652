/**
 * Deadlines and size limits of the wire client: the per-plugin defaults and the per-call
 * values after overrides, checked once so the rest of the client can trust them.
 */
import { GoPlugError } from '../errors.js';
import type { CallOptions } from './types.js';

export interface WireDefaults {
  /** How long opening a socket to the plugin may take, ms. Default 2000. */
  connectTimeoutMs: number;
  /** Deadline of a whole call (waiting for a socket, sending, headers and body), ms. Default 30000. */
  timeoutMs: number;
  /** Largest response body accepted; larger ones fail with TOO_LARGE. Default 64 MiB. */
  maxResponseBytes: number;
  /** Sockets the call pool may open to the plugin at once. Default 8. */
  connections: number;
}

export const DEFAULT_WIRE: Readonly<WireDefaults> = {
  connectTimeoutMs: 2000,
  timeoutMs: 30_000,
  maxResponseBytes: 64 * 1024 * 1024,
  connections: 8,
};

/** The limits one call runs under. `timeoutMs` may be Infinity (long-polls wait for a notification). */
export interface CallLimits {
  timeoutMs: number;
  connectTimeoutMs: number;
  maxResponseBytes: number;
}

export function resolveDefaults(overrides: Partial<WireDefaults> | undefined): WireDefaults {
  // An option given as undefined means "not given", as it does for per-call options.
  const given = Object.entries(overrides ?? {}).filter(([, value]) => value !== undefined);
  const merged: WireDefaults = { ...DEFAULT_WIRE, ...Object.fromEntries(given) };
  checkPositive('connectTimeoutMs', merged.connectTimeoutMs, false);
  checkPositive('timeoutMs', merged.timeoutMs, true);
  checkPositive('maxResponseBytes', merged.maxResponseBytes, true);
  checkPositive('connections', merged.connections, false);
  if (!Number.isInteger(merged.connections)) throw invalid('connections', merged.connections);
  return merged;
}

export function resolveLimits(defaults: CallLimits, opts: CallOptions | undefined): CallLimits {
  const limits = {
    timeoutMs: opts?.timeoutMs ?? defaults.timeoutMs,
    connectTimeoutMs: opts?.connectTimeoutMs ?? defaults.connectTimeoutMs,
    maxResponseBytes: opts?.maxResponseBytes ?? defaults.maxResponseBytes,
  };
  checkPositive('timeoutMs', limits.timeoutMs, true);
  checkPositive('connectTimeoutMs', limits.connectTimeoutMs, false);
  checkPositive('maxResponseBytes', limits.maxResponseBytes, true);
  return limits;
}

function checkPositive(name: string, value: number, infinityAllowed: boolean): void {
  const ok = typeof value === 'number' && value > 0 && (infinityAllowed || Number.isFinite(value));
  if (!ok) throw invalid(name, value);
}

function invalid(name: string, value: unknown): GoPlugError {
  return new GoPlugError(
    'CONFIG_INVALID',
    `Wire option ${name} must be a positive number, got ${String(value)}`,
    {
      hint: 'Fix the option passed to the plugin client (milliseconds or bytes, greater than 0).',
    },
  );
}
