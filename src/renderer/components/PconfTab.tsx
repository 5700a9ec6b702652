/**
 * The .pconf view: the file as written (issues marked at their lines) or laid out one member per
 * line, with a copy button; the parsed fields and the socket beside it. A text file shown whole
 * can be edited here (PconfEditor) or, in the desktop app, opened in the person's own editor.
 */
import { useMemo, useState } from 'react';
import type { ConfFileInfo, SavedConf } from '../../shared/contract.js';
import { useInspection } from '../hooks/useInspection.js';
import { confIssues, lineIssues, type ShownIssue } from '../lib/confIssues.js';
import { formatBytes, formatDateTime } from '../lib/format.js';
import { formatJson } from '../lib/formatJson.js';
import { visibleText } from '../lib/visibleText.js';
import { useActions, useStudio } from '../store/context.js';
import { ConfIssueList } from './ConfIssueList.js';
import { CopyButton } from './CopyButton.js';
import { ErrorCallout } from './ErrorCallout.js';
import { LazyCodeView } from './lazyEditors.js';
import { PconfEditor } from './PconfEditor.js';
import { PconfFields } from './PconfFields.js';
import { PluginText } from './PluginText.js';
import { SocketStatusView } from './SocketStatusView.js';
import './PconfTab.css';

type Layout = 'written' | 'formatted';

interface SourceProps {
  raw: string;
  fileName: string;
  truncated: boolean;
  issues: ShownIssue[];
  /** Shows "Edit the file" (a text file shown whole). */
  onEdit?: () => void;
}

function Source({ raw, fileName, truncated, issues, onEdit }: SourceProps) {
  const [layout, setLayout] = useState<Layout>('written');
  const marks = useMemo(() => lineIssues(issues), [issues]);
  const formatted = useMemo(() => (layout === 'formatted' ? formatJson(raw) : ''), [layout, raw]);
  const name = visibleText(fileName);
  return (
    <>
      <div className="pconf-source-bar">
        <div className="segmented" role="group" aria-label="Show the file">
          {(['written', 'formatted'] as const).map((l) => (
            <button key={l} type="button" className="btn btn-small" aria-pressed={layout === l} onClick={() => setLayout(l)}>
              {l === 'written' ? 'As written' : 'Formatted'}
            </button>
          ))}
        </div>
        <CopyButton
          text={layout === 'written' ? raw : formatted}
          label={layout === 'written' ? 'Copy file' : 'Copy formatted'}
        />
        <span className="spacer" />
        {onEdit && (
          <button type="button" className="btn btn-small" onClick={onEdit}>
            Edit the file
          </button>
        )}
      </div>
      {layout === 'written' ? (
        <LazyCodeView text={raw} label={`Contents of ${name}`} issues={marks} />
      ) : (
        <LazyCodeView text={formatted} label={`Formatted ${name}`} issues={[]} />
      )}
      {truncated && <p className="muted body-note">Only the start of the file is shown.</p>}
      {layout === 'formatted' && marks.length > 0 && (
        <p className="muted body-note">The issues give the lines of the file as written.</p>
      )}
    </>
  );
}

/** `refreshKey`: inspect again whenever it changes (e.g. the plugin's state or the problem's reason). */
export function PconfTab({ path, refreshKey }: { path: string; refreshKey?: unknown }) {
  const { data, error, loading, reload } = useInspection(path, refreshKey);
  const canReveal = useStudio((s) => s.platform?.canReveal ?? false);
  const canOpenInEditor = useStudio((s) => s.platform?.canOpenInEditor ?? false);
  const actions = useActions();
  const issues = useMemo(() => (data ? confIssues(data.result, data.problem, data.fileName) : []), [data]);
  // What the editor began from: the text and the file's facts at that moment, fixed while editing.
  // Both belong to their path: another file selected meanwhile is shown, not edited.
  const [edit, setEdit] = useState<{ path: string; text: string; file: ConfFileInfo } | null>(null);
  const [lastSave, setLastSave] = useState<{ path: string; saved: SavedConf } | null>(null);
  const editing = edit?.path === path ? edit : null;
  const saved = lastSave?.path === path ? lastSave.saved : null;
  // Only a text file shown whole can be edited: saving a part would cut the rest off.
  const editFrom = data?.raw != null && !data.rawTruncated && data.file ? { text: data.raw, file: data.file } : null;

  const closeEditor = (again: boolean) => {
    setEdit(null);
    if (again) reload();
  };

  return (
    <section className="pconf" role="region" aria-label="pconf">
      <div className="pconf-head">
        <div className="pconf-head-line">
          <span className="mono pconf-path" title={visibleText(path)}>
            <PluginText text={path} />
          </span>
          <CopyButton text={path} label="Copy path" />
        </div>
        <div className="pconf-head-line">
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
          {canOpenInEditor && (
            <button type="button" className="btn btn-small" onClick={() => void actions.openInEditor(path)}>
              Open in your editor
            </button>
          )}
        </div>
      </div>
      {error && <ErrorCallout error={error} title="Could not inspect the file" />}
      {saved && !editing && (
        <p className={saved.invalid ? 'text-warn' : 'text-ok'} role="status">
          Saved at {formatDateTime(saved.file.mtimeMs)}
          {saved.invalid ? ', not valid: it stays among the problems until it is.' : '.'}
        </p>
      )}
      {data && (
        <div className="pconf-grid">
          <div className="pconf-source">
            {editing ? (
              <PconfEditor
                path={path}
                fileName={data.fileName}
                text={editing.text}
                loaded={editing.file}
                current={data.file}
                onSaved={(s) => {
                  setLastSave({ path, saved: s });
                  closeEditor(true);
                }}
                onClose={closeEditor}
              />
            ) : data.raw === null ? (
              <p className="muted pad">This file is not text (binary, or not a regular file), so there is nothing to show.</p>
            ) : (
              <Source
                raw={data.raw}
                fileName={data.fileName}
                truncated={data.rawTruncated}
                issues={issues}
                {...(editFrom && {
                  onEdit: () => {
                    setLastSave(null);
                    setEdit({ path, ...editFrom });
                  },
                })}
              />
            )}
            {!editing && <ConfIssueList issues={issues} />}
          </div>
          <div className="pconf-side">
            <h3>Parsed</h3>
            {data.result?.ok ? (
              <PconfFields conf={data.result.conf} />
            ) : (
              <p className="text-error">{data.result ? 'Not a valid .pconf (see the issues).' : 'Not parsed.'}</p>
            )}
            <h3>Socket</h3>
            {data.socket ? <SocketStatusView socket={data.socket} /> : <p className="muted">No socket path to check.</p>}
          </div>
        </div>
      )}
    </section>
  );
}
