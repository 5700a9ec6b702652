/** A plugin's past console requests: method, status, time, age; click restores, ↻ sends again. */
import type { HistoryEntry } from '../../shared/contract.js';
import { useNow } from '../hooks/useNow.js';
import { formatAge, formatClock, formatDuration } from '../lib/format.js';
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

export function HistoryList({ entries, onRestore, onRerun, onClear }: HistoryListProps) {
  const now = useNow(10_000, entries.length > 0);
  const newestFirst = [...entries].sort((a, b) => b.at - a.at);
  return (
    <section className="history" aria-label="History">
      <div className="pane-title">
        <h3>History</h3>
        <span className="muted num">{entries.length}</span>
        <span className="spacer" />
        {entries.length > 0 && (
          <button type="button" className="btn btn-small btn-ghost" onClick={onClear}>
            Clear history
          </button>
        )}
      </div>
      {entries.length === 0 ? (
        <p className="muted body-note">Requests you send are listed here.</p>
      ) : (
        <ul className="history-list">
          {newestFirst.map((entry) => (
            <li key={entry.id} className="history-row">
              <button
                type="button"
                className="history-main"
                title="Restore this request into the editor"
                onClick={() => onRestore(entry)}
              >
                <StatusPill status={entry.errorCode ? null : entry.status} label={entry.errorCode ?? undefined} />
                <PluginText className="mono history-method" text={entry.method} />
                <span className="num muted">{formatDuration(entry.durationMs)}</span>
                <span className="num muted history-when" title={new Date(entry.at).toLocaleString()}>
                  {formatClock(entry.at)} · {formatAge(entry.at, now)}
                </span>
              </button>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={`Re-run ${visibleText(entry.method)}`}
                title="Send this request again"
                onClick={() => onRerun(entry)}
              >
                ↻
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
