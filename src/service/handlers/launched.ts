/** Plugins the Studio launched: their captured output, and a restart that brings back a Fatal one. */
import type { LogsPage } from '../../shared/contract.js';
import type { Handlers, ServiceContext } from '../context.js';

export function launchedHandlers(
  ctx: ServiceContext,
): Pick<Handlers, 'getLogs' | 'clearLogs' | 'restartPlugin'> {
  return {
    getLogs: async ({ id, ...query }): Promise<LogsPage> => {
      const page = ctx.supervisor.logs(id, query);
      if (page === undefined) {
        return { lines: [], truncated: false, evicted: 0, nextSeq: 1, logPath: null, launched: false };
      }
      return { ...page, logPath: ctx.supervisor.logPath(id) ?? null, launched: true };
    },
    clearLogs: async ({ id }) => {
      ctx.supervisor.clearLogs(id);
    },
    restartPlugin: ({ id }) => ctx.host.registry.restart(id),
  };
}
