/**
 * `npm run bench [-- --quick] [-- --only calls,sdk,notify,scale,watch,web,ui] [-- --out FILE]`: runs the
 * benchmark suites, prints a table and writes bench/results/latest.json (see docs/PERFORMANCE.md).
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { addChildNodeArgs, killAllChildren } from './lib/childProcess.js';
import { evaluateGoals } from './lib/goals.js';
import { currentLoad, machineInfo } from './lib/machine.js';
import { PROFILES, type Mode } from './lib/profile.js';
import { repoRoot } from './lib/repoRoot.js';
import type { BenchReport, BenchResult } from './lib/result.js';
import type { Suite } from './lib/suite.js';
import { formatTable } from './lib/table.js';
import { callsSuite } from './suites/calls.js';
import { notifySuite } from './suites/notify.js';
import { scaleSuite } from './suites/scale.js';
import { sdkSuite } from './suites/sdk.js';
import { uiSuite } from './suites/ui.js';
import { watchSuite } from './suites/watch.js';
import { webSuite } from './suites/web.js';

const SUITES: Suite[] = [callsSuite, sdkSuite, notifySuite, scaleSuite, watchSuite, webSuite, uiSuite];

const USAGE =
  `usage: npm run bench [-- --quick | --smoke] [--only ${SUITES.map((s) => s.name).join(',')}] [--out FILE] ` +
  '[--cpu-prof-dir DIR]';

interface Args {
  mode: Mode;
  only: Suite[];
  out: string;
  /** Where child processes write CPU profiles (node --cpu-prof); none when undefined. */
  cpuProfDir: string | undefined;
}

function parseArgs(argv: string[]): Args {
  let mode: Mode = 'full';
  let only = SUITES;
  let out = join(repoRoot(), 'bench', 'results', 'latest.json');
  let cpuProfDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') mode = 'quick';
    else if (arg === '--smoke') mode = 'smoke';
    else if (arg === '--only' && argv[i + 1] !== undefined) {
      const names = (argv[++i] as string).split(',');
      const unknown = names.filter((name) => !SUITES.some((s) => s.name === name));
      if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')}\n${USAGE}`);
      only = SUITES.filter((s) => names.includes(s.name));
    } else if (arg === '--out' && argv[i + 1] !== undefined) out = resolve(argv[++i] as string);
    else if (arg === '--cpu-prof-dir' && argv[i + 1] !== undefined) cpuProfDir = resolve(argv[++i] as string);
    else throw new Error(`unknown argument ${String(arg)}\n${USAGE}`);
  }
  return { mode, only, out, cpuProfDir };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const profile = PROFILES[args.mode];
  if (args.cpuProfDir !== undefined) addChildNodeArgs('--cpu-prof', `--cpu-prof-dir=${args.cpuProfDir}`);
  const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);
  const startedAt = new Date();
  const load = currentLoad();
  for (const suite of args.only) {
    const { error, warning } = suite.prerequisites?.() ?? {};
    if (error !== undefined) throw new Error(`${suite.name}: ${error} (or leave it out with --only)`);
    if (warning !== undefined) log(`${suite.name}: ${warning}`);
  }
  const results: BenchResult[] = [];
  const temps = new Set<string>();
  const interrupt = (): void => {
    killAllChildren();
    // Synchronously: the process exits right after, before any promise would settle.
    for (const temp of temps) rmSync(temp, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  for (const suite of args.only) {
    const dir = await mkdtemp(join(tmpdir(), 'gpb-'));
    temps.add(dir);
    const t0 = performance.now();
    try {
      results.push(
        ...(await suite.run({
          profile,
          dir,
          log: (message) => log(`${suite.name}: ${message}`),
          cpuProfDir: args.cpuProfDir,
        })),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
      temps.delete(dir);
    }
    log(`${suite.name}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  const report: BenchReport = {
    command: ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
    mode: args.mode,
    started_at: startedAt.toISOString(),
    duration_s: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
    machine: machineInfo(load),
    results,
    goals: evaluateGoals(results),
  };
  await mkdir(dirname(args.out), { recursive: true });
  await writeFile(args.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${formatTable(report)}\n\nwritten: ${args.out}\n`);
}

main().catch((err: unknown) => {
  killAllChildren();
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
