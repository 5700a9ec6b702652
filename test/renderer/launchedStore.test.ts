/**
 * The store and launched plugins: process changes and CPU/memory samples keep each plugin's
 * process facts fresh, and output reaches an open Logs view per batch, filtered like the service
 * filters, merged with the first page without doubles, and bounded.
 */
import { describe, expect, it } from 'vitest';
import type { EventBatch, LogLine, LogsPage } from '../../src/shared/contract.js';
import { createStudioStore } from '../../src/renderer/store/studioStore.js';
import { LOG_LINES_KEPT } from '../../src/renderer/store/types.js';
import { plugin, processInfo } from './helpers/studioData.js';

const ID = 'demo/echo';

const line = (seq: number, stream: LogLine['stream'] = 'stdout', text = `line ${seq}`): LogLine => ({
  seq,
  at: 1_000 + seq,
  stream,
  text,
});

const page = (lines: LogLine[], nextSeq: number, patch: Partial<LogsPage> = {}): LogsPage => ({
  lines,
  truncated: false,
  evicted: 0,
  nextSeq,
  logPath: '/data/logs/demo%2Fecho.log',
  launched: true,
  ...patch,
});

const logEvent = (lines: LogLine[]): EventBatch[number] => ({ type: 'log', id: ID, lines });

function storeWithEcho() {
  const store = createStudioStore();
  store.getState().applyBatch([{ type: 'discovered', plugin: plugin(ID, { state: 'started', process: processInfo() }) }]);
  return store;
}

describe('process facts', () => {
  it('takes the process of a process event, and CPU, memory and uptime of the samples of its pid', () => {
    const store = storeWithEcho();
    store.getState().applyBatch([
      {
        type: 'process',
        id: ID,
        change: 'restarting',
        message: 'exited (code 1); restarting in 1 s',
        process: processInfo({ state: 'backoff', pid: null, startedAt: null, restarts: 1, nextRestartAt: 9_000 }),
      },
    ]);
    expect(store.getState().plugins[ID]?.process).toMatchObject({ state: 'backoff', restarts: 1, nextRestartAt: 9_000 });

    store.getState().applyBatch([
      { type: 'process', id: ID, change: 'ready', message: 'ready', process: processInfo({ pid: 5000, startedAt: 10_000 }) },
      {
        type: 'process-stats',
        at: 13_000,
        samples: [
          { id: ID, pid: 5000, cpuPercent: 2.5, rssBytes: 40 * 1024 * 1024 },
          { id: 'demo/gone', pid: 1, cpuPercent: 1, rssBytes: 1 },
        ],
      },
    ]);
    expect(store.getState().plugins[ID]?.process).toMatchObject({
      pid: 5000,
      cpuPercent: 2.5,
      rssBytes: 40 * 1024 * 1024,
      uptimeMs: 3_000,
    });
    expect(store.getState().plugins['demo/gone']).toBeUndefined();

    // A sample taken of the process before a restart does not describe the new one.
    store.getState().applyBatch([{ type: 'process-stats', at: 14_000, samples: [{ id: ID, pid: 4242, cpuPercent: 99, rssBytes: 1 }] }]);
    expect(store.getState().plugins[ID]?.process?.cpuPercent).toBe(2.5);
  });

  it('logs process changes in the activity log, a fatal one as an error', () => {
    const store = storeWithEcho();
    store.getState().applyBatch([
      {
        type: 'process',
        id: ID,
        change: 'fatal',
        message: 'gave up restarting after 5 crashes within 3 min',
        process: processInfo({ state: 'fatal', pid: null }),
      },
    ]);
    expect(store.getState().activity.at(-1)).toMatchObject({ event: 'process fatal', plugin: ID, level: 'error' });
  });
});

describe('a Logs view', () => {
  it('keeps no output while no Logs tab is open', () => {
    const store = storeWithEcho();
    store.getState().applyBatch([logEvent([line(1), line(2)])]);
    expect(store.getState().logs).toEqual({});
  });

  it('puts the first page first, then the lines that came while it was on its way, each once', () => {
    const store = storeWithEcho();
    const request = store.getState().openLogs(ID, { stream: 'all', search: '' });
    // Lines 3 and 4 arrive live before the page, which already holds line 3.
    store.getState().applyBatch([logEvent([line(3), line(4, 'stderr')])]);
    store.getState().setLogsPage(ID, request, page([line(1), line(2), line(3)], 4));
    const view = store.getState().logs[ID];
    expect(view?.lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(view).toMatchObject({ loading: false, logPath: '/data/logs/demo%2Fecho.log', launched: true });
  });

  it('drops the answer to an older query, and lines once the tab is closed', () => {
    const store = storeWithEcho();
    const first = store.getState().openLogs(ID, { stream: 'all', search: '' });
    const second = store.getState().openLogs(ID, { stream: 'stderr', search: '' });
    store.getState().setLogsPage(ID, first, page([line(1)], 2));
    expect(store.getState().logs[ID]).toMatchObject({ loading: true, lines: [] });
    store.getState().setLogsPage(ID, second, page([line(2, 'stderr')], 3));
    expect(store.getState().logs[ID]?.lines.map((l) => l.seq)).toEqual([2]);

    store.getState().closeLogs(ID);
    store.getState().applyBatch([logEvent([line(3)])]);
    expect(store.getState().logs[ID]).toBeUndefined();
  });

  it('applies live output per batch, only the lines that match the stream and the search', () => {
    const store = storeWithEcho();
    const request = store.getState().openLogs(ID, { stream: 'stderr', search: 'WARN' });
    store.getState().setLogsPage(ID, request, page([], 1));
    const renders: unknown[] = [];
    store.subscribe((s) => renders.push(s));
    store.getState().applyBatch([
      logEvent([line(1, 'stdout', 'a warning on stdout'), line(2, 'stderr', 'Warning: disk almost full')]),
      logEvent([line(3, 'stderr', 'plain error'), line(4, 'stderr', 'another WARNING')]),
    ]);
    expect(renders).toHaveLength(1);
    expect(store.getState().logs[ID]?.lines.map((l) => l.text)).toEqual(['Warning: disk almost full', 'another WARNING']);
  });

  it(`keeps the newest ${LOG_LINES_KEPT} lines of a chatty plugin and says that older ones are cut`, () => {
    const store = storeWithEcho();
    const request = store.getState().openLogs(ID, { stream: 'all', search: '' });
    store.getState().setLogsPage(ID, request, page([line(1)], 2));
    const total = 3 * LOG_LINES_KEPT;
    // A flood in many batches, as the service sends it.
    for (let from = 2; from <= total; from += 1000) {
      const lines = Array.from({ length: Math.min(1000, total - from + 1) }, (_, i) => line(from + i));
      store.getState().applyBatch([logEvent(lines)]);
    }
    const view = store.getState().logs[ID];
    expect(view?.lines).toHaveLength(LOG_LINES_KEPT);
    expect(view?.lines.at(-1)?.seq).toBe(total);
    expect(view?.lines[0]?.seq).toBe(total - LOG_LINES_KEPT + 1);
    expect(view?.cut).toBe(true);

    store.getState().clearLogLines(ID);
    expect(store.getState().logs[ID]).toMatchObject({ lines: [], cut: false });
  });

  it('notices that a plugin never launched here starts printing', () => {
    const store = storeWithEcho();
    const request = store.getState().openLogs(ID, { stream: 'all', search: '' });
    store.getState().setLogsPage(ID, request, page([], 1, { launched: false, logPath: null }));
    expect(store.getState().logs[ID]?.launched).toBe(false);
    store.getState().applyBatch([logEvent([line(1, 'supervisor', 'spawned: node echo.js (pid 7)')])]);
    expect(store.getState().logs[ID]).toMatchObject({ launched: true, lines: [{ seq: 1 }] });
  });
});
