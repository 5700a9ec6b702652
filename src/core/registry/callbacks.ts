/**
 * Callback subscriptions (Go: RegisterCallback) of a started plugin: each long-polls on a
 * connection of its own, its notifications also go out as registry events, and it ends once, by
 * its subscriber or by the registry (the plugin stopped or went away).
 */
import type { GoPlugError } from '../errors.js';
import type { Disposer } from '../types.js';
import { markUnreachable, REACHABILITY_CODES } from './health.js';
import type { StartedEntry } from './pluginEntry.js';
import type { RegistryContext } from './registryContext.js';

export function subscribeCallback(
  ctx: RegistryContext,
  entry: StartedEntry,
  callback: string,
  onNotification: (body: Buffer, backlog: boolean) => void,
  onEnd?: (err?: GoPlugError) => void,
): Disposer {
  const id = entry.id;
  let ended = false;
  /** Ends it once: by the subscriber (no reason, no onEnd) or by the registry (onEnd with why). */
  const end = (reason?: GoPlugError) => {
    if (ended) return;
    ended = true;
    entry.subscriptions.delete(handle);
    inner();
    if (reason) onEnd?.(reason);
  };
  const handle = { end };
  const inner = entry.client.subscribe(
    callback,
    (body, backlog) => {
      ctx.emit({ type: 'notification', id, callback, body, at: Date.now(), backlog });
      try {
        onNotification(body, backlog);
      } catch (err) {
        // A listener's bug must not end the subscription or crash the host (Electron's main).
        ctx.emit({ type: 'warning', id, message: `callback ${callback} listener failed: ${String(err)}` });
      }
    },
    (err) => {
      if (ended) return;
      ended = true;
      entry.subscriptions.delete(handle);
      if (err && REACHABILITY_CODES.has(err.code)) markUnreachable(ctx, entry, err);
      onEnd?.(err);
    },
  );
  entry.subscriptions.add(handle);
  return () => end();
}
