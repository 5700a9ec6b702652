/**
 * A plugin's past console requests: method, status (or Cancelled), time, age; click restores, ↻
 * sends again, ▸ shows the body. A search box narrows them by method, body or status.
 */
import { useMemo, useState } from 'react';
import type { HistoryEntry } from '../../shared/contract.js';
import { useDebounced } from '../hooks/useDebounced.js';
import { useNow } from '../hooks/useNow.js';
import { base64ToBytes, decodeUtf8 } from '../lib/bytes.js';
import { formatAge, formatBytes, formatClock, formatDuration } from '../lib/format.js';
import { StatusPill } from './StatusPill.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import './HistoryList.css';

export interface HistoryListProps {
  entries: HistoryEntry[];
  onRestore: (entry: HistoryEntry) => void;
  onRerun: (entry: HistoryEntry) => void;
  onClear: () => void;
}

/** Characters of a body shown when expanded (stored bodies reach 1 MiB); Restore brings the whole. */
export const SHOWN_BODY_CHARS = 4096;

/** What a search looks at: the method, the body (as text when it is text), the status or code. */
function matches(entry: HistoryEntry, query: string): boolean {
  const outcome = entry.cancelled ? 'cancelled' : (entry.errorCode ?? String(entry.status ?? ''));
  return [entry.method, outcome, entry.body].some((field) => field.toLowerCase().includes(query));
}

function BodyOf({ entry }: { entry: HistoryEntry }) {
  const bytes = entry.bodyEncoding === 'base64' ? base64ToBytes(entry.body) : null;
  const text = bytes === null ? entry.body : decodeUtf8(bytes);
  if (text === '') return <p className="muted body-note history-body">(empty body)</p>;
  const shown = text ?? entry.body;
  const cut = shown.length > SHOWN_BODY_CHARS;
  return (
    <div className="history-body">
      {text === null && <p className="muted body-note">Not text: {formatBytes(bytes?.length ?? 0)} as base64.</p>}
      <pre className="code-block">
        <PluginText text={cut ? shown.slice(0, SHOWN_BODY_CHARS) : shown} lines />
        {cut && <span className="muted">{'\n'}… (the rest comes back with Restore)</span>}
      </pre>
    </div>
  );
}

function HistoryRow({ entry, now, onRestore, onRerun }: { entry: HistoryEntry; now: number } & Omit<HistoryListProps, 'entries' | 'onClear'>) {
  const [open, setOpen] = useState(false);
  const method = visibleText(entry.method);
  return (
    <li className="history-item">
      <div className="history-row">
        <button
          type="button"
          className="btn btn-small btn-ghost history-toggle"
          aria-expanded={open}
          aria-label={`Body of ${method}`}
          title={open ? 'Hide the body' : 'Show the body'}
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'}
        </button>
        <button type="button" className="history-main" title="Restore this request into the editor" onClick={() => onRestore(entry)}>
          <StatusPill
            status={entry.errorCode ? null : entry.status}
            label={entry.errorCode ?? undefined}
            cancelled={entry.cancelled === true}
          />
          <PluginText className="mono history-method" text={entry.method} />
          <span className="num muted">{formatDuration(entry.durationMs)}</span>
          <span className="num muted history-when" title={new Date(entry.at).toLocaleString()}>
            {formatClock(entry.at)} · {formatAge(entry.at, now)}
          </span>
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-label={`Re-run ${method}`}
          title="Send this request again"
          onClick={() => onRerun(entry)}
        >
          ↻
        </button>
      </div>
      {open && <BodyOf entry={entry} />}
    </li>
  );
}

export function HistoryList({ entries, onRestore, onRerun, onClear }: HistoryListProps) {
  const now = useNow(10_000, entries.length > 0);
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim().toLowerCase(), 150);
  const shown = useMemo(
    () => [...entries].sort((a, b) => b.at - a.at).filter((entry) => query === '' || matches(entry, query)),
    [entries, query],
  );
  return (
    <section className="history" aria-label="History">
      <div className="pane-title">
        <h3>History</h3>
        <span className="muted num">{query === '' ? entries.length : `${shown.length} of ${entries.length}`}</span>
        <span className="spacer" />
        {entries.length > 0 && (
          <input
            className="input history-search"
            type="search"
            aria-label="Search history"
            placeholder="Method, body or status"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && search !== '') {
                // Clears the search only: the console's Escape (cancel) is for a request in flight.
                e.stopPropagation();
                setSearch('');
              }
            }}
          />
        )}
        {entries.length > 0 && (
          <button type="button" className="btn btn-small btn-ghost" onClick={onClear}>
            Clear history
          </button>
        )}
      </div>
      {entries.length === 0 ? (
        <p className="muted body-note">Requests you send are listed here.</p>
      ) : shown.length === 0 ? (
        <p className="muted body-note">No request matches the search.</p>
      ) : (
        <ul className="history-list">
          {shown.map((entry) => (
            <HistoryRow key={entry.id} entry={entry} now={now} onRestore={onRestore} onRerun={onRerun} />
          ))}
        </ul>
      )}
    </section>
  );
}
