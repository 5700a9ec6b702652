/**
 * A Logs tab's lines: the first page from the service, then live `log` events, filtered by the
 * tab's query the way the service filters (one stream or all; case-insensitive substring), and
 * bounded to LOG_LINES_KEPT so that a chatty plugin never grows the window's memory.
 */
import type { LogLine, LogsPage } from '../../shared/contract.js';
import { LOG_LINES_KEPT, type LogQuery, type LogView } from './types.js';

export function newLogView(query: LogQuery, request: number): LogView {
  return { query, lines: [], loading: true, error: null, cut: false, logPath: null, launched: true, request };
}

export function lineMatches(line: LogLine, query: LogQuery): boolean {
  if (query.stream !== 'all' && line.stream !== query.stream) return false;
  return query.search === '' || line.text.toLowerCase().includes(query.search.toLowerCase());
}

function bounded(view: LogView, lines: LogLine[]): LogView {
  if (lines.length <= LOG_LINES_KEPT) return { ...view, lines };
  return { ...view, lines: lines.slice(lines.length - LOG_LINES_KEPT), cut: true };
}

/** New output (so the plugin was launched after all): the lines that match go at the end. */
export function appendLive(view: LogView, lines: readonly LogLine[]): LogView {
  if (lines.length === 0) return view;
  const base = view.launched ? view : { ...view, launched: true };
  const matching = lines.filter((line) => lineMatches(line, view.query));
  return matching.length === 0 ? base : bounded(base, view.lines.concat(matching));
}

/**
 * The first page arrived. Lines that came live while it was on its way follow it; those the page
 * holds already (sequence number below its nextSeq) are not doubled.
 */
export function mergePage(view: LogView, page: LogsPage): LogView {
  const since = view.lines.filter((line) => line.seq >= page.nextSeq);
  return bounded(
    {
      ...view,
      loading: false,
      error: null,
      cut: page.truncated,
      logPath: page.logPath,
      launched: page.launched || since.length > 0,
    },
    page.lines.concat(since),
  );
}
