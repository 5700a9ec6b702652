/** Plugin list and lifecycle channels. */
import { isGoPlugError, type GoPlugErrorCode } from '../../core/errors.js';
import type { PluginSnapshot } from '../../core/types.js';
import type { BatchResult } from '../../shared/contract.js';
import { toApiError } from '../apiError.js';
import type { Handlers, ServiceContext } from '../context.js';
import { changeSettings } from './settings.js';

/** Start all / stop all touch many plugins; this many at once keeps sockets and CPU calm. */
const BATCH_CONCURRENCY = 8;

type PluginHandlers = Pick<
  Handlers,
  | 'getSnapshot'
  | 'startPlugin'
  | 'stopPlugin'
  | 'startAll'
  | 'stopAll'
  | 'rescan'
  | 'setAutoDiscover'
  | 'ping'
  | 'forgetPlugin'
>;

export function pluginHandlers(ctx: ServiceContext): PluginHandlers {
  const registry = () => ctx.host.registry;
  return {
    getSnapshot: async () => ({
      plugins: registry().list(),
      problems: registry().problems(),
      settings: ctx.settings.get(),
      notices: ctx.notices(),
      platform: ctx.platform,
    }),
    startPlugin: ({ id }) => registry().start(id),
    stopPlugin: ({ id }) => registry().stop(id),
    startAll: () =>
      forEach(
        registry()
          .list()
          .filter((p) => p.state === 'discovered' || p.state === 'stopped'),
        (p) => registry().start(p.id),
        // Auto-discovery may have started it in the meantime: the goal is reached.
        'ALREADY_STARTED',
      ),
    stopAll: () =>
      forEach(
        registry()
          .list()
          .filter((p) => p.state === 'started'),
        (p) => registry().stop(p.id),
        'NOT_STARTED',
      ),
    forgetPlugin: async ({ id }) => registry().forget(id),
    rescan: () => registry().rescan(),
    setAutoDiscover: async ({ enabled }) => {
      await changeSettings(ctx, { autoDiscover: enabled });
    },
    ping: async ({ id }) => {
      try {
        const { rttMs } = await registry().ping(id, { timeoutMs: ctx.settings.get().requestTimeoutMs });
        return { ok: true, rttMs };
      } catch (err) {
        return { ok: false, error: toApiError(err) };
      }
    },
  };
}

/**
 * Runs `action` on every plugin, a few at a time; each failure is reported, none stops the rest.
 * `alreadyDone` is the error meaning the plugin got there by itself meanwhile: not a failure.
 */
async function forEach(
  plugins: PluginSnapshot[],
  action: (p: PluginSnapshot) => Promise<unknown>,
  alreadyDone: GoPlugErrorCode,
): Promise<BatchResult> {
  const results: BatchResult['results'] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < plugins.length; i = next++) {
      const plugin = plugins[i]!;
      try {
        await action(plugin);
        results[i] = { id: plugin.id, ok: true };
      } catch (err) {
        results[i] = isGoPlugError(err, alreadyDone)
          ? { id: plugin.id, ok: true }
          : { id: plugin.id, ok: false, error: toApiError(err) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, plugins.length) }, worker));
  return { results };
}
