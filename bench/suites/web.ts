/**
 * web.*: what the Studio's web transport adds to a call. The same small Echo to the same SDK
 * plugin, sequential and interleaved: through `goplug serve` (`POST /api/execute` with the
 * token, a JSON request with the body in base64, the JSON envelope back, decoded and checked),
 * and through a registry's execute() in this process. Two more split the difference: a call that
 * reaches no plugin (`POST /api/getSettings`, the transport's own floor), and one that makes a
 * plugin round trip without the console's work (`POST /api/ping`: no history, no curl, no base64).
 */
import { join } from 'node:path';
import { openRegistry, type PluginRegistry } from '../../src/core/registry/index.js';
import type { ExecuteResult } from '../../src/shared/contract.js';
import { checkEcho, SMALL_BODY } from '../lib/bareClients.js';
import { startChild } from '../lib/childProcess.js';
import {
  copyStudioWindow,
  startGoplugServe,
  studioBuildState,
  type GoplugServe,
} from '../lib/goplugServe.js';
import { interleavedLatency, type LatencyVariant } from '../lib/loops.js';
import { processCpuUs } from '../lib/processCpu.js';
import type { BenchResult } from '../lib/result.js';
import { round, summarizeCalls } from '../lib/stats.js';
import { StudioApiClient, waitUntilStarted } from '../lib/studioApi.js';
import type { Suite } from '../lib/suite.js';
import type { PluginServerReady } from '../servers/pluginServer.js';

/** Sequential web executes over which the server process's CPU per call is read (10 ms ticks). */
const CPU_CALLS = 2000;

export const webSuite: Suite = {
  name: 'web',
  prerequisites: studioBuildState,
  async run({ profile, dir, log }) {
    const server = startChild('pluginServer', 'servers/pluginServer.js', [dir, '1']);
    let serve: GoplugServe | undefined;
    let api: StudioApiClient | undefined;
    let registry: PluginRegistry | undefined;
    try {
      const served = await server.message<PluginServerReady>(20_000);
      const id = served.plugins[0] as string;
      serve = await startGoplugServe({
        pluginDir: join(dir, 'plugins'),
        dataDir: join(dir, 'data'),
        staticDir: await copyStudioWindow(dir),
      });
      const web = new StudioApiClient(serve.baseUrl, serve.token);
      api = web;
      await waitUntilStarted(web, served.plugins.length + 1, 30_000);
      const direct = await openRegistry({ folders: [join(dir, 'plugins')] });
      registry = direct;
      await direct.whenIdle();

      const request = { id, method: 'Echo', body: SMALL_BODY.toString('base64'), bodyEncoding: 'base64' };
      const throughServe: LatencyVariant[] = [
        {
          id: 'web.execute',
          op: async () => {
            const result = await web.call<ExecuteResult>('execute', request);
            if (!result.ok) throw new Error(`web execute: ${result.error.code}: ${result.error.message}`);
            checkEcho('web execute', result.status, Buffer.from(result.body.base64, 'base64'));
          },
        },
        { id: 'web.api_floor', op: () => web.call('getSettings') },
        {
          id: 'web.api_ping',
          op: async () => {
            const result = await web.call<{ ok: boolean }>('ping', { id });
            if (!result.ok) throw new Error(`web ping: ${JSON.stringify(result)}`);
          },
        },
      ];
      const directly: LatencyVariant = {
        id: 'web.direct_execute',
        op: async () => {
          const res = await direct.execute(id, 'Echo', SMALL_BODY);
          checkEcho('direct execute', res.status, res.body);
        },
      };
      log('latency: POST /api/execute, a direct execute(), POST /api/getSettings, POST /api/ping');
      const latency = await interleavedLatency([...throughServe, directly], profile.web, log);
      log("goplug serve's CPU per call");
      const serveCpuUs = new Map<string, number | undefined>();
      const cpuCalls = Math.min(CPU_CALLS, profile.web.perRound * 2);
      for (const variant of throughServe)
        serveCpuUs.set(variant.id, await cpuPerCall(serve.pid, variant.op, cpuCalls));

      const summary = new Map([...latency].map(([name, samples]) => [name, summarizeCalls(samples)]));
      const viaWebFigures = summary.get('web.execute');
      const directFigures = summary.get('web.direct_execute');
      if (viaWebFigures === undefined || directFigures === undefined) throw new Error('web: missing samples');
      const results: BenchResult[] = [...summary].map(([name, figures]) => ({
        id: name,
        ...figures,
        ...(serveCpuUs.has(name) ? { serve_cpu_us: serveCpuUs.get(name) ?? null } : {}),
      }));
      results.push({
        id: 'web.execute_overhead',
        ratio_p50: round(viaWebFigures.p50_us / directFigures.p50_us),
        extra_p50_us: round(viaWebFigures.p50_us - directFigures.p50_us),
        ratio_p99: round(viaWebFigures.p99_us / directFigures.p99_us),
        extra_p99_us: round(viaWebFigures.p99_us - directFigures.p99_us),
      });
      return results;
    } finally {
      await registry?.close();
      await api?.close();
      await serve?.stop();
      await server.stop();
    }
  },
};

/** CPU microseconds `pid` spends per call of `op`, over `calls` sequential calls. */
async function cpuPerCall(
  pid: number,
  op: () => Promise<unknown>,
  calls: number,
): Promise<number | undefined> {
  const before = processCpuUs(pid);
  for (let i = 0; i < calls; i++) await op();
  const after = processCpuUs(pid);
  return before === undefined || after === undefined ? undefined : round((after - before) / calls);
}
