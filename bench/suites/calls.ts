/**
 * call.*: sequential small-body calls to one TypeScript plugin socket through registry.execute()
 * and through bare clients (undici, node:http, a minimal hand-written HTTP client), against the
 * echo floor (a plain Unix-socket echo); servers run in child processes. Then execute() throughput with
 * 1, 8, 32 and 128 calls in flight, and 32 spread over 10 plugins.
 */
import {
  checkEcho,
  echoClient,
  minimalHttpClient,
  nodeHttpClient,
  SMALL_BODY,
  undiciClient,
} from '../lib/bareClients.js';
import { startCallSetup } from '../lib/callSetup.js';
import { interleavedLatency, interleavedThroughput } from '../lib/loops.js';
import type { BenchResult } from '../lib/result.js';
import { processCpuUs } from '../lib/processCpu.js';
import { median, round, summarizeCalls } from '../lib/stats.js';
import type { Suite } from '../lib/suite.js';

const PLUGINS = 10;

export const callsSuite: Suite = {
  name: 'calls',
  async run({ profile, dir, log }) {
    const setup = await startCallSetup(dir, PLUGINS);
    const { registry, plugins } = setup;
    const [first] = plugins.plugins as [string];
    const sock = setup.sockOf(first);
    const undici = undiciClient(sock);
    const nodeHttp = nodeHttpClient(sock);
    const minimal = await minimalHttpClient(sock);
    const echo = await echoClient(setup.baselines.echoSock);
    const execute = async (id: string): Promise<void> => {
      const res = await registry.execute(id, 'Echo', SMALL_BODY);
      checkEcho('execute', res.status, res.body);
    };
    try {
      log('latency: execute(), bare undici, bare node:http, a minimal HTTP client, bare echo');
      const latency = await interleavedLatency(
        [
          { id: 'call.execute', op: () => execute(first) },
          { id: 'call.raw_undici', op: () => undici.call() },
          { id: 'call.raw_node_http', op: () => nodeHttp.call() },
          { id: 'call.raw_http_min', op: () => minimal.call() },
          { id: 'call.raw_echo', op: () => echo.call() },
        ],
        profile.latency,
        log,
      );
      log('throughput: execute() with 1, 8, 32, 128 in flight, and 32 over 10 plugins');
      const serverCpuUs = (): number | undefined => processCpuUs(setup.pids.plugins);
      const rates = await interleavedThroughput(
        [
          { id: 'call.sequential', inflight: 1, op: () => execute(first), serverCpuUs },
          { id: 'call.inflight8', inflight: 8, op: () => execute(first), serverCpuUs },
          { id: 'call.inflight32', inflight: 32, op: () => execute(first), serverCpuUs },
          { id: 'call.inflight128', inflight: 128, op: () => execute(first), serverCpuUs },
          {
            id: 'call.inflight32.10plugins',
            inflight: 32,
            op: (i) => execute(plugins.plugins[i % plugins.plugins.length] as string),
            serverCpuUs,
          },
        ],
        profile.throughput,
        log,
      );
      const results: BenchResult[] = [...latency].map(([id, samples]) => ({
        id,
        ...summarizeCalls(samples),
      }));
      for (const [id, { rates: perRound, serverCpuUs }] of rates) {
        results.push({
          id,
          ops_per_s: round(median(perRound)),
          rounds: perRound.length,
          server_cpu_us: serverCpuUs === undefined ? null : round(serverCpuUs),
        });
      }
      return results;
    } finally {
      await Promise.all([undici.close(), nodeHttp.close(), minimal.close(), echo.close()]);
      await setup.close();
    }
  },
};
