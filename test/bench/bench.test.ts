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
import { filterKeystrokes } from '../../bench/lib/filterKeys.js';
import { evaluateGoals } from '../../bench/lib/goals.js';
import { stateChangeFigures, type Toggle } from '../../bench/lib/stateChanges.js';
import { percentile } from '../../bench/lib/stats.js';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { ensureStudioBuilt } from '../helpers/studioBuild.js';
import { tempFolder } from '../helpers/tempFolder.js';

const run = promisify(execFile);

const REQUIRED: Record<string, string[]> = {
  'call.execute': ['p50_us', 'p99_us', 'scavenges_per_10k'],
  'call.raw_undici': ['p50_us', 'p99_us', 'scavenges_per_10k'],
  'call.raw_node_http': ['p50_us', 'p99_us'],
  'call.raw_echo': ['p50_us', 'p99_us'],
  'call.sequential': ['ops_per_s'],
  'call.inflight32': ['ops_per_s'],
  'discovery.fswatch': ['p50_us', 'p99_us'],
  'discovery.started.empty': ['p50_us', 'p99_us'],
  'discovery.started.1000': ['p50_us', 'p99_us'],
  'scale.1000': ['all_started_ms', 'heap_mb', 'rss_mb', 'fds'],
  'watch.parent.busy': ['cpu_ms', 'changes', 'cpu_ms_per_1k_changes'],
  'watch.parent.quiet': ['cpu_ms', 'changes', 'cpu_ms_per_1k_changes'],
  'notify.rate': ['ops_per_s', 'lost'],
  'sdk.server': ['p50_us', 'p99_us', 'ops_per_s'],
  'sdk.raw_node_http': ['p50_us', 'p99_us', 'ops_per_s'],
  'web.execute': ['p50_us', 'p99_us'],
  'web.direct_execute': ['p50_us', 'p99_us'],
  'web.execute_overhead': ['ratio_p50', 'extra_p50_us'],
  'ui.first_paint_ms': ['p50_ms', 'p95_ms'],
  'ui.first_paint_ms.empty': ['p50_ms'],
  'ui.filter_ms': ['p50_ms', 'p95_ms'],
  'ui.heap_mb': ['heap_mb', 'empty_heap_mb'],
  'ui.state_changes': ['changes', 'lag_p50_ms', 'fps', 'long_tasks', 'coalesced', 'missed', 'final_mismatch'],
  'ui.big_response_ms': ['max_long_task_ms', 'shown_p50_ms', 'body_mib'],
};

interface Report {
  command: string;
  machine: Record<string, unknown>;
  results: Array<Record<string, unknown> & { id: string }>;
  goals: Array<Record<string, unknown>>;
}

describe('npm run bench -- --smoke', () => {
  const outDir = join(REPO_ROOT, 'dist', `.test-bench-${process.pid}-${Date.now()}`);
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  let report: Report;
  let stdout: string;

  beforeAll(async () => {
    folder = await tempFolder('gpb-test-');
    // The web and ui suites run `goplug serve` from the build (and the ui suite, Chromium on it).
    await ensureStudioBuilt();
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
  }, 600_000);

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

  it('drives the Studio page: every state change reached the page and every rendered row showed it', () => {
    const changes = report.results.find((r) => r.id === 'ui.state_changes');
    expect(changes?.api_errors).toBe(0);
    expect(changes?.missed).toBe(0);
    expect(changes?.final_mismatch).toBe(0);
    expect(report.results.find((r) => r.id === 'ui.filter_ms')?.no_update).toBe(0);
    expect(report.results.find((r) => r.id === 'ui.big_response_ms')?.not_shown).toBe(0);
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

  it('filter keystrokes type an id after the prefix and delete it again, measuring those that change the matches', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `ui/p${String(i).padStart(4, '0')}`);
    const keys = filterKeystrokes(ids, 'ui/p', 6);
    let filter = 'ui/p';
    for (const { key, measured } of keys) {
      const before = ids.filter((id) => id.includes(filter)).length;
      filter = key === 'Backspace' ? filter.slice(0, -1) : filter + key;
      expect(ids.filter((id) => id.includes(filter)).length !== before).toBe(measured);
    }
    expect(filter).toBe('ui/p');
    expect(keys.filter((k) => k.measured)).toHaveLength(6);
  });

  it('state-change figures: lag to the frame showing the row, events coalesced, changes missed', () => {
    const toggles: Toggle[] = [
      { id: 'a', target: 'stopped', sentMs: 1000, doneMs: 1002 },
      { id: 'b', target: 'stopped', sentMs: 1010, doneMs: 1012 },
    ];
    const watch = {
      startedAt: 0,
      endedAt: 500,
      rendered: ['a', 'b'],
      frames: 30,
      maxFrameGapMs: 17,
      longTasks: [],
      batches: 1,
      events: 3,
      arrivals: [
        ['a', 'stopping', 30],
        ['a', 'stopped', 30],
        ['b', 'stopped', 50],
      ] as Array<[string, string, number]>,
      transitions: [['a', 'stopped', 40]] as Array<[string, string, number]>,
    };
    // The page's clock runs 100 ms ahead and began at wall-clock 1000 ms.
    const clock = { offsetMs: 100, errorMs: 0, pageOriginMs: 1070 };
    const figures = stateChangeFigures(
      toggles,
      watch,
      clock,
      new Map([
        ['a', 'stopped'],
        ['b', 'stopped'],
      ]),
    );
    expect(figures).toMatchObject({
      lag_p50_ms: 10,
      lag_samples: 1,
      arrival_p50_ms: 0,
      events_expected: 4,
      events_received: 3,
      coalesced: 1,
      missed: 1,
      final_mismatch: 1,
    });
  });
});
