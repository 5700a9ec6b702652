/**
 * The .pconf inspector: the raw file with issues marked at their lines on the left; the parsed
 * fields, extras, file facts and the socket on the right.
 */
import { useMemo } from 'react';
import type { ConfIssue, PconfInspection } from '../../shared/contract.js';
import { useInspection } from '../hooks/useInspection.js';
import { formatBytes, formatDateTime } from '../lib/format.js';
import { useActions, useStudio } from '../store/context.js';
import type { LineIssue } from './CodeView.js';
import { ErrorCallout } from './ErrorCallout.js';
import { LazyCodeView } from './lazyEditors.js';
import { PconfFields } from './PconfFields.js';
import { SocketStatusView } from './SocketStatusView.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import './PconfTab.css';

function issuesOf(data: PconfInspection): Array<ConfIssue & { severity: 'error' | 'warning' }> {
  const result = data.result;
  const list: Array<ConfIssue & { severity: 'error' | 'warning' }> = [];
  if (result && !result.ok) list.push({ ...result.error, severity: 'error' });
  for (const w of result?.warnings ?? []) list.push({ ...w, severity: 'warning' });
  const p = data.problem;
  if (p && !(result && !result.ok)) {
    list.push({ message: p.reason, severity: 'error', ...(p.line ? { line: p.line } : {}), ...(p.column ? { column: p.column } : {}) });
  }
  return list;
}

function Source({ data, issues }: { data: PconfInspection; issues: ReturnType<typeof issuesOf> }) {
  const marks = useMemo<LineIssue[]>(
    () =>
      issues.flatMap((i) =>
        i.line === undefined ? [] : [{ line: i.line, message: i.message, severity: i.severity, ...(i.column ? { column: i.column } : {}) }],
      ),
    [issues],
  );
  if (data.raw === null) {
    return <p className="muted pad">This file is not text (binary, or not a regular file), so there is nothing to show.</p>;
  }
  return (
    <>
      <LazyCodeView text={data.raw} label={`Contents of ${visibleText(data.fileName)}`} issues={marks} />
      {data.rawTruncated && <p className="muted body-note">Only the start of the file is shown.</p>}
    </>
  );
}

/** `refreshKey`: inspect again whenever it changes (e.g. the plugin's state or the problem's reason). */
export function PconfTab({ path, refreshKey }: { path: string; refreshKey?: unknown }) {
  const { data, error, loading, reload } = useInspection(path, refreshKey);
  const canReveal = useStudio((s) => s.platform?.canReveal ?? false);
  const actions = useActions();
  const issues = useMemo(() => (data ? issuesOf(data) : []), [data]);

  return (
    <section className="pconf" role="region" aria-label="pconf">
      <div className="pconf-head">
        <span className="mono pconf-path" title={visibleText(path)}>
          <PluginText text={path} />
        </span>
        {data?.file && (
          <span className="muted num">
            {formatBytes(data.file.size)} · modified {formatDateTime(data.file.mtimeMs)} · mode{' '}
            {(data.file.mode & 0o7777).toString(8).padStart(4, '0')} · uid {data.file.uid}
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={reload} disabled={loading}>
          {loading ? 'Reading…' : 'Reload'}
        </button>
        {canReveal && (
          <button type="button" className="btn btn-small" onClick={() => void actions.reveal(path)}>
            Reveal in folder
          </button>
        )}
      </div>
      {error && <ErrorCallout error={error} title="Could not inspect the file" />}
      {data && (
        <div className="pconf-grid">
          <div className="pconf-source">
            <Source data={data} issues={issues} />
            {issues.length > 0 && (
              <ul className="issues" aria-label="Issues">
                {issues.map((i, n) => (
                  <li key={n} className={`issue issue-${i.severity}`}>
                    <span className="issue-kind">{i.severity === 'error' ? 'Error' : 'Warning'}</span>{' '}
                    {i.line !== undefined && (
                      <span className="mono muted">
                        line {i.line}
                        {i.column !== undefined ? `:${i.column}` : ''}
                      </span>
                    )}{' '}
                    {i.field && (
                      <span className="mono">
                        <PluginText text={i.field} />:{' '}
                      </span>
                    )}
                    <PluginText text={i.message} />
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="pconf-side">
            <h3>Parsed</h3>
            {data.result?.ok ? (
              <PconfFields conf={data.result.conf} />
            ) : (
              <p className="text-error">{data.result ? 'Not a valid .pconf (see the issues).' : 'Not parsed.'}</p>
            )}
            {data.problem?.kind === 'conflict' && (
              <p className="text-warn">
                Another file defines <PluginText text={data.problem.id ?? ''} /> and wins:{' '}
                <PluginText className="mono" text={data.problem.winner ?? ''} />
              </p>
            )}
            <h3>Socket</h3>
            {data.socket ? <SocketStatusView socket={data.socket} /> : <p className="muted">No socket path to check.</p>}
          </div>
        </div>
      )}
    </section>
  );
}
