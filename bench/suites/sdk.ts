/**
 * sdk.*: the SDK's plugin server against a bare node:http server that answers the same bytes
 * (checked), each in a child process of its own, measured with the same undici client:
 * sequential latency, then throughput with 32 calls in flight over 8 connections.
 */
import { SMALL_BODY, undiciClient } from '../lib/bareClients.js';
import { startCallSetup } from '../lib/callSetup.js';
import { interleavedLatency, interleavedThroughput } from '../lib/loops.js';
import { rawExchange, withoutDate } from '../lib/rawExchange.js';
import type { BenchResult } from '../lib/result.js';
import { processCpuUs } from '../lib/processCpu.js';
import { median, round, summarizeCalls } from '../lib/stats.js';
import type { Suite } from '../lib/suite.js';

const IN_FLIGHT = 32;
const CONNECTIONS = 8;

export const sdkSuite: Suite = {
  name: 'sdk',
  async run({ profile, dir, log }) {
    const setup = await startCallSetup(dir, 1);
    const servers = [
      { id: 'sdk.server', sock: setup.sockOf(setup.plugins.plugins[0] as string), pid: setup.pids.plugins },
      { id: 'sdk.raw_node_http', sock: setup.baselines.bareHttpSock, pid: setup.pids.baselines },
    ];
    const sequential = servers.map((s) => ({ ...s, client: undiciClient(s.sock) }));
    const pooled = servers.map((s) => ({ ...s, client: undiciClient(s.sock, CONNECTIONS) }));
    try {
      const sameBytes = await answersAlike(servers.map((s) => s.sock));
      log('latency: SDK server vs bare node:http');
      const latency = await interleavedLatency(
        sequential.map((s) => ({ id: s.id, op: () => s.client.call() })),
        profile.latency,
        log,
      );
      log(`throughput: ${IN_FLIGHT} in flight`);
      const rates = await interleavedThroughput(
        pooled.map((s) => ({
          id: s.id,
          inflight: IN_FLIGHT,
          op: () => s.client.call(),
          serverCpuUs: () => processCpuUs(s.pid),
        })),
        profile.throughput,
        log,
      );
      return servers.map(({ id }): BenchResult => ({
        id,
        ...summarizeCalls(latency.get(id) ?? { ms: [], cpuUs: 0, scavenges: 0, scavengeMs: 0 }),
        ops_per_s: round(median(rates.get(id)?.rates ?? [])),
        server_cpu_us: round(rates.get(id)?.serverCpuUs ?? NaN),
        inflight: IN_FLIGHT,
        same_bytes: sameBytes,
      }));
    } finally {
      await Promise.all([...sequential, ...pooled].map((s) => s.client.close()));
      await setup.close();
    }
  },
};

/** True when every server answers the same request with the same bytes (Date aside). */
async function answersAlike(socks: string[]): Promise<boolean> {
  const request = Buffer.concat([
    Buffer.from(`POST /Echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${SMALL_BODY.length}\r\n\r\n`),
    SMALL_BODY,
  ]);
  const answers = await Promise.all(socks.map(async (sock) => withoutDate(await rawExchange(sock, request))));
  return answers.every((answer) => answer === answers[0]);
}
