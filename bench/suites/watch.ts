/**
 * watch.parent.*: what a registry spends on a plugin folder while other programs churn the folder
 * beside it (files made and removed, as in the OS temp folder). Two registries in processes of
 * their own watch a `plugins` folder each; one folder's parent is churned (`busy`), the other's
 * parent is left alone while the same churn happens in a folder elsewhere (`quiet`, the
 * baseline). The figure is each registry process's CPU time during the churn.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startChild, type BenchChild } from '../lib/childProcess.js';
import { processCpuUs } from '../lib/processCpu.js';
import type { BenchResult } from '../lib/result.js';
import type { Suite } from '../lib/suite.js';

/** Makes `count` files and removes them again, one at a time: 2 × count changes in `folder`. */
async function churn(folder: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await writeFile(join(folder, `churn-${i}`), '');
  for (let i = 0; i < count; i++) await rm(join(folder, `churn-${i}`));
}

async function watching(name: string, folder: string): Promise<BenchChild> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const child = startChild(name, 'hosts/idleRegistry.js', [folder]);
  await child.message<{ ready: true }>(30_000);
  return child;
}

export const watchSuite: Suite = {
  name: 'watch',
  async run({ profile, dir, log }) {
    const { entries, rounds, perRound } = profile.watch;
    const busyParent = join(dir, 'busy');
    const quietParent = join(dir, 'quiet');
    const elsewhere = join(dir, 'elsewhere');
    await mkdir(elsewhere, { mode: 0o700 });
    // The parents hold `entries` other things, as a temp folder does: each listing lstats them all.
    for (const parent of [busyParent, quietParent]) {
      await mkdir(parent, { mode: 0o700 });
      for (let i = 0; i < entries; i++) await writeFile(join(parent, `other-${i}`), '');
    }
    const busy = await watching('busy parent', join(busyParent, 'plugins'));
    const quiet = await watching('quiet parent', join(quietParent, 'plugins'));
    try {
      await sleep(500);
      const used = { busy: 0, quiet: 0 };
      log(`${rounds} rounds of ${2 * perRound} changes beside a folder, and elsewhere`);
      for (let round = 0; round < rounds; round++) {
        // Alternated, so that both see the machine in the same state.
        for (const [key, parent, child] of [
          ['busy', busyParent, busy],
          ['quiet', elsewhere, quiet],
        ] as const) {
          const before = processCpuUs(child.pid) ?? NaN;
          await churn(parent, perRound);
          // What the last changes caused runs on for a moment (a listing, a poll).
          await sleep(1_200);
          used[key] += (processCpuUs(child.pid) ?? NaN) - before;
        }
      }
      const changes = rounds * perRound * 2;
      const row = (key: 'busy' | 'quiet'): BenchResult => ({
        id: `watch.parent.${key}`,
        cpu_ms: Math.round(used[key] / 1000),
        changes,
        cpu_ms_per_1k_changes: Math.round((used[key] / 1000 / changes) * 1000 * 10) / 10,
        parent_entries: entries,
      });
      return [row('busy'), row('quiet')];
    } finally {
      await Promise.all([busy.stop(), quiet.stop()]);
    }
  },
};
