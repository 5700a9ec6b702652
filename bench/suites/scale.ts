/**
 * scale.1000 and discovery.*: `plugins` plugins served by a few child processes, a cold registry
 * start on their folder in a fresh process (hosts/coldStart.ts), then discovery latency there,
 * in an empty folder, and to a raw fs.watch event.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startChild, type BenchChild } from '../lib/childProcess.js';
import type { BenchResult } from '../lib/result.js';
import { summarizeMs } from '../lib/stats.js';
import type { Suite } from '../lib/suite.js';
import type { ColdStartConfig, ColdStartReport } from '../hosts/coldStart.js';
import type { FleetReady } from '../servers/fleet.js';

export const scaleSuite: Suite = {
  name: 'scale',
  async run({ profile, dir, log }) {
    const { plugins, servers } = profile.scale;
    const folders = {
      crowded: join(dir, 'crowded'),
      empty: join(dir, 'empty'),
      watch: join(dir, 'watch'),
      staging: join(dir, 'staging'),
      probe: join(dir, 'probe'),
    };
    for (const folder of Object.values(folders)) await mkdir(folder, { mode: 0o700 });
    const fleets: BenchChild[] = [];
    try {
      log(`starting ${plugins} plugins in ${servers} processes`);
      const share = Math.ceil(plugins / servers);
      for (let s = 0; s < servers; s++) {
        const from = s * share;
        const count = Math.max(0, Math.min(share, plugins - from));
        const args = [folders.crowded, String(from), String(count), ...(s === 0 ? [folders.probe] : [])];
        fleets.push(startChild(`fleet ${s}`, 'servers/fleet.js', args));
      }
      const ready = await Promise.all(fleets.map((fleet) => fleet.message<FleetReady>(180_000)));
      const probeSock = ready[0]?.probeSock;
      if (probeSock === undefined) throw new Error('the probe plugin did not start');

      log('cold registry start, then discovery latency');
      const config: ColdStartConfig = {
        crowdedDir: folders.crowded,
        expected: plugins,
        emptyDir: folders.empty,
        watchDir: folders.watch,
        stagingDir: folders.staging,
        probeSock,
        samples: profile.discovery.samples,
        warmup: profile.discovery.warmup,
        gapMs: profile.discovery.gapMs,
      };
      const host = startChild('coldStart', 'hosts/coldStart.js', [JSON.stringify(config)], ['--expose-gc']);
      let report: ColdStartReport;
      try {
        report = await host.message<ColdStartReport>(300_000);
      } finally {
        await host.stop();
      }
      const results: BenchResult[] = [
        { id: 'scale.1000', ...report.scale, servers },
        { id: 'discovery.fswatch', ...summarizeMs(report.discovery.fswatch) },
        { id: 'discovery.started.empty', ...summarizeMs(report.discovery.empty) },
        { id: 'discovery.started.1000', ...summarizeMs(report.discovery.crowded), others: plugins },
      ];
      return results;
    } finally {
      await Promise.all(fleets.map((fleet) => fleet.stop(20_000)));
    }
  },
};
