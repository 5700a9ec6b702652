/**
 * A launched plugin's output: the newest lines from the service, then live as it prints. stdout,
 * stderr and the supervisor's notes apart or together, a search, follow, Clear. The lines are kept
 * only while this tab is open.
 */
import { useEffect, useState } from 'react';
import type { PluginSnapshot } from '../../shared/contract.js';
import { useDebounced } from '../hooks/useDebounced.js';
import { useActions, useStudio } from '../store/context.js';
import type { LogQuery, LogView } from '../store/types.js';
import { CopyButton } from './CopyButton.js';
import { ErrorCallout } from './ErrorCallout.js';
import { LogLines } from './LogLines.js';
import { StreamFilter } from './StreamFilter.js';

const SEARCH_PAUSE_MS = 200;

function Empty({ view, plugin, filtered }: { view: LogView | undefined; plugin: PluginSnapshot; filtered: boolean }) {
  if (!view || view.loading) return <p className="muted body-note">Loading the output…</p>;
  if (!view.launched) {
    return (
      <p className="muted body-note">
        No output: this Studio has not launched {plugin.id}. Its switch launches it, and what it prints appears here.
      </p>
    );
  }
  return <p className="muted body-note">{filtered ? 'No line matches.' : 'No output yet.'}</p>;
}

export function LogsTab({ plugin }: { plugin: PluginSnapshot }) {
  const id = plugin.id;
  const [stream, setStream] = useState<LogQuery['stream']>('all');
  const [search, setSearch] = useState('');
  const [follow, setFollow] = useState(true);
  const [retry, setRetry] = useState(0);
  const settledSearch = useDebounced(search, SEARCH_PAUSE_MS);
  const view = useStudio((s) => s.logs[id]);
  const closeLogs = useStudio((s) => s.closeLogs);
  const actions = useActions();

  useEffect(() => {
    void actions.loadLogs(id, { stream, search: settledSearch });
  }, [actions, id, stream, settledSearch, retry]);
  useEffect(() => () => closeLogs(id), [closeLogs, id]);

  const lines = view?.lines ?? [];
  const filtered = stream !== 'all' || settledSearch !== '';

  return (
    <div className="logs">
      <div className="logs-bar">
        <StreamFilter value={stream} onChange={setStream} />
        <input
          className="input input-small mono logs-search"
          type="search"
          aria-label="Search logs"
          placeholder="Search logs"
          maxLength={1024}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setSearch('');
          }}
        />
        <button type="button" className="btn btn-small" aria-pressed={follow} onClick={() => setFollow(!follow)}>
          Follow
        </button>
        <span className="spacer" />
        <span className="muted num" aria-live="polite">
          {lines.length} line{lines.length === 1 ? '' : 's'}
          {view?.cut ? ' (the newest)' : ''}
        </span>
        <button
          type="button"
          className="btn btn-small"
          aria-label="Clear logs"
          title="Empty this view and the Studio's buffer (the log file keeps everything)"
          onClick={() => void actions.clearLogs(id)}
        >
          Clear
        </button>
      </div>
      {view?.error ? (
        <div className="pad">
          <ErrorCallout error={view.error} title="Output unavailable" />
          <button type="button" className="btn" onClick={() => setRetry(retry + 1)}>
            Try again
          </button>
        </div>
      ) : lines.length === 0 ? (
        <Empty view={view} plugin={plugin} filtered={filtered} />
      ) : (
        <div className="logs-body">
          <LogLines lines={lines} label={`Output of ${id}`} search={settledSearch} follow={follow} onFollowChange={setFollow} />
          {!follow && (
            <button type="button" className="btn btn-small jump" onClick={() => setFollow(true)}>
              Jump to newest ↓ (auto-scroll paused)
            </button>
          )}
        </div>
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
