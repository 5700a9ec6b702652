/**
 * A started plugin's health: whether its socket answers. Calls and pings keep it in step with what
 * they see, and with healthCheckMs a timer pings the started plugins to notice ones that went away.
 */
import type { GoPlugError } from '../errors.js';
import type { PluginEntry } from './pluginEntry.js';
import type { RegistryContext } from './registryContext.js';
import { asGoPlugError } from './registryErrors.js';

/** Errors that mean "the socket is not there or not answering", as opposed to a bad answer. */
export const REACHABILITY_CODES = new Set(['CONNECT_FAILED', 'TIMEOUT', 'PLUGIN_GONE']);

/** Keeps the entry's health in step with what its calls see. */
export async function track<T>(ctx: RegistryContext, entry: PluginEntry, call: Promise<T>): Promise<T> {
  try {
    const result = await call;
    entry.reached();
    return result;
  } catch (err) {
    const error = asGoPlugError(err, entry.id);
    if (REACHABILITY_CODES.has(error.code)) markUnreachable(ctx, entry, error);
    throw error;
  }
}

export function markUnreachable(ctx: RegistryContext, entry: PluginEntry, error: GoPlugError): void {
  // A plugin removed meanwhile has nothing left to show.
  if (ctx.entries.has(entry.id)) entry.lost(error);
}

/** Pings every started plugin that is not in a transition, one after the other. */
export async function checkHealth(ctx: RegistryContext): Promise<void> {
  for (const entry of ctx.entries.values()) {
    if (ctx.closed) return;
    if (!entry.isStarted() || entry.transition) continue;
    await track(ctx, entry, entry.client.ping(undefined, { timeoutMs: 2000 })).catch(() => undefined);
  }
}
