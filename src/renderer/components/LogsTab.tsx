/**
 * A launched plugin's output: the newest lines from the service, then live as it prints. stdout,
 * stderr and the supervisor's notes apart or together, a search, follow, Clear. The lines are kept
 * only while this tab is open.
 *
 * Follow is on until the user scrolls up (or turns it off); then the lines on screen hold still,
 * even while a chatty plugin pushes the oldest out of the bound, and the new ones are counted.
 */
import { useEffect, useState } from 'react';
import type { LogLine, PluginSnapshot } from '../../shared/contract.js';
import { useDebounced } from '../hooks/useDebounced.js';
import { useActions, useStudio } from '../store/context.js';
import type { LogQuery, LogView } from '../store/types.js';
import { CopyButton } from './CopyButton.js';
import { ErrorCallout } from './ErrorCallout.js';
import { LogLines } from './LogLines.js';
import { StreamFilter } from './StreamFilter.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import { countOf } from '../../shared/units.js';
import './LogsTab.css';

const SEARCH_PAUSE_MS = 200;

/** How many lines came after `seq`: "5000+" once all those on screen left the bound. */
function newSince(lines: LogLine[], seq: number): string {
  const at = lines.findLastIndex((l) => l.seq <= seq);
  const count = lines.length - at - 1;
  if (count === 0) return '';
  return at === -1 && (lines[0]?.seq ?? 0) > seq + 1 ? `${count}+` : String(count);
}

function Empty({ view, plugin, filtered }: { view: LogView | undefined; plugin: PluginSnapshot; filtered: boolean }) {
  if (!view || view.loading) return <p className="muted body-note">Loading the output…</p>;
  if (!view.launched) {
    return (
      <p className="muted body-note">
        No output: this Studio has not launched <PluginText text={plugin.id} />. Its switch launches it, and what it prints appears here.
      </p>
    );
  }
  return <p className="muted body-note">{filtered ? 'No line matches.' : 'No output yet.'}</p>;
}

export function LogsTab({ plugin }: { plugin: PluginSnapshot }) {
  const id = plugin.id;
  const [stream, setStream] = useState<LogQuery['stream']>('all');
  const [search, setSearch] = useState('');
  /** The lines on screen while not following; null while following. */
  const [held, setHeld] = useState<LogLine[] | null>(null);
  const [retry, setRetry] = useState(0);
  const settledSearch = useDebounced(search, SEARCH_PAUSE_MS);
  const view = useStudio((s) => s.logs[id]);
  const closeLogs = useStudio((s) => s.closeLogs);
  const actions = useActions();

  // Output printed while the event stream was down never arrived: ask again once it is back.
  const online = useStudio((s) => s.connected);

  useEffect(() => {
    if (online) void actions.loadLogs(id, { stream, search: settledSearch });
  }, [actions, id, stream, settledSearch, retry, online]);
  useEffect(() => () => closeLogs(id), [closeLogs, id]);

  const lines = view?.lines ?? [];
  const filtered = stream !== 'all' || settledSearch !== '';
  const follow = held === null;
  const shown = held ?? lines;
  const heldUpTo = held?.at(-1)?.seq ?? 0;
  const waiting = held ? newSince(lines, heldUpTo) : '';
  const setFollow = (on: boolean) => setHeld(on ? null : lines);
  // Another query or a Clear shows other lines: follow them.
  const requery = <T,>(set: (value: T) => void) => (value: T) => {
    setHeld(null);
    set(value);
  };

  return (
    <div className="logs">
      <div className="logs-bar">
        <StreamFilter value={stream} onChange={requery(setStream)} />
        <input
          className="input input-small mono logs-search"
          type="search"
          aria-label="Search logs"
          placeholder="Search logs"
          maxLength={1024}
          value={search}
          onChange={(e) => requery(setSearch)(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') requery(setSearch)('');
          }}
        />
        <button type="button" className="btn btn-small" aria-pressed={follow} onClick={() => setFollow(!follow)}>
          Follow
        </button>
        <span className="spacer" />
        <span className="muted num">
          {countOf(lines.length, 'line')}
          {view?.cut ? ' (the newest)' : ''}
        </span>
        <button
          type="button"
          className="btn btn-small"
          aria-label="Clear logs"
          title="Empty this view and the Studio's buffer (the log file keeps everything)"
          onClick={() => {
            setHeld(null);
            void actions.clearLogs(id);
          }}
        >
          Clear
        </button>
      </div>
      {view?.error && (
        <div className="logs-error">
          <ErrorCallout error={view.error} title="Output unavailable" />
          <button type="button" className="btn btn-small" onClick={() => setRetry(retry + 1)}>
            Try again
          </button>
        </div>
      )}
      {shown.length > 0 ? (
        <div className="logs-body">
          <LogLines lines={shown} label={`Output of ${visibleText(id)}`} search={settledSearch} follow={follow} onFollowChange={setFollow} />
          {!follow && (
            <button type="button" className="btn btn-small jump" onClick={() => setFollow(true)}>
              Jump to newest ↓ ({waiting ? `${waiting} new; ` : ''}auto-scroll paused)
            </button>
          )}
        </div>
      ) : (
        !view?.error && <Empty view={view} plugin={plugin} filtered={filtered} />
      )}
      {view?.logPath && (
        <div className="logs-file muted">
          <span>{view.cut ? 'Older lines, and everything since the start:' : 'Log file:'}</span>
          <span className="mono logs-path" title={view.logPath}>
            {view.logPath}
          </span>
          <CopyButton text={view.logPath} label="Copy log file path" className="btn btn-small btn-ghost" />
        </div>
      )}
    </div>
  );
}
