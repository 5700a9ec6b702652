/**
 * The benchmark runs end to end (compiled, as `npm run bench` runs it) in its smallest mode and
 * writes a result file of the documented shape. No timing is asserted: figures on a shared
 * machine say nothing about correctness.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateGoals } from '../../bench/lib/goals.js';
import { percentile } from '../../bench/lib/stats.js';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { tempFolder } from '../helpers/tempFolder.js';

const run = promisify(execFile);

const REQUIRED: Record<string, string[]> = {
  'call.execute': ['p50_us', 'p99_us'],
  'call.raw_undici': ['p50_us', 'p99_us'],
  'call.raw_node_http': ['p50_us', 'p99_us'],
  'call.raw_echo': ['p50_us', 'p99_us'],
  'call.sequential': ['ops_per_s'],
  'call.inflight32': ['ops_per_s'],
  'discovery.fswatch': ['p50_us', 'p99_us'],
  'discovery.started.empty': ['p50_us', 'p99_us'],
  'discovery.started.1000': ['p50_us', 'p99_us'],
  'scale.1000': ['all_started_ms', 'heap_mb', 'rss_mb', 'fds'],
  'notify.rate': ['ops_per_s', 'lost'],
  'sdk.server': ['p50_us', 'p99_us', 'ops_per_s'],
  'sdk.raw_node_http': ['p50_us', 'p99_us', 'ops_per_s'],
};

interface Report {
  command: string;
  machine: Record<string, unknown>;
  results: Array<Record<string, unknown> & { id: string }>;
  goals: Array<Record<string, unknown>>;
  not_measured: string[];
}

describe('npm run bench -- --smoke', () => {
  const outDir = join(REPO_ROOT, 'dist', `.test-bench-${process.pid}-${Date.now()}`);
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  let report: Report;
  let stdout: string;

  beforeAll(async () => {
    folder = await tempFolder('gpb-test-');
    const tsc = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
    // tsc emits even when files that are not ours fail to type-check (others may be mid-work).
    await run(tsc, ['-p', 'bench/tsconfig.json', '--outDir', outDir], {
      cwd: REPO_ROOT,
      timeout: 120_000,
    }).catch(() => undefined);
    const main = join(outDir, 'bench', 'main.js');
    if (!existsSync(main)) throw new Error(`the bench did not compile to ${main}`);
    const out = join(folder.path, 'latest.json');
    ({ stdout } = await run(process.execPath, [main, '--smoke', '--out', out], { timeout: 120_000 }));
    report = JSON.parse(await readFile(out, 'utf8')) as Report;
  }, 240_000);

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
    await folder?.remove();
  });

  it('writes every required entry with numeric figures', () => {
    const byId = new Map(report.results.map((r) => [r.id, r]));
    for (const [id, fields] of Object.entries(REQUIRED)) {
      const entry = byId.get(id);
      expect(entry, id).toBeDefined();
      for (const field of fields) expect(typeof entry?.[field], `${id}.${field}`).toBe('number');
    }
    expect(byId.get('notify.rate')?.in_order).toBe(true);
    expect(byId.get('sdk.server')?.same_bytes).toBe(true);
  });

  it('states the machine, the command and the goals, and prints them as a table', () => {
    expect(report.command).toBe(`npm run bench -- --smoke --out ${join(folder.path, 'latest.json')}`);
    expect(typeof report.machine.nproc).toBe('number');
    expect(typeof report.machine.cpu_model).toBe('string');
    expect(report.machine.node).toBe(process.version);
    expect(report.goals.length).toBeGreaterThanOrEqual(9);
    for (const goal of report.goals) {
      expect(Object.keys(goal).sort()).toEqual(['cmp', 'id', 'limit', 'met', 'ratio', 'text']);
      expect(stdout).toContain(`${goal.met ? 'PASS' : 'MISS'}  ${String(goal.id)}`);
    }
    expect(report.not_measured).toEqual(expect.arrayContaining(['ui.first_paint_ms', 'ui.state_changes']));
  });
});

describe('bench building blocks', () => {
  it('percentile is nearest-rank', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.99)).toBe(4);
    expect(percentile([7], 0.01)).toBe(7);
  });

  it('a goal is met on the side its comparison names, and left out when not measured', () => {
    const goals = evaluateGoals([
      { id: 'call.sequential', ops_per_s: 1000 },
      { id: 'call.inflight32', ops_per_s: 1900 },
    ]);
    expect(goals).toEqual([
      expect.objectContaining({ id: 'inflight32_vs_sequential', ratio: 1.9, met: false }),
    ]);
    expect(evaluateGoals([{ id: 'notify.rate', lost: 0, in_order: false }])).toEqual([
      expect.objectContaining({ id: 'notify_lost', met: false }),
    ]);
  });
});
