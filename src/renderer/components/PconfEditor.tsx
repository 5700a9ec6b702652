/**
 * Fixing a .pconf in place: the text in an editor, checked by the service as the registry would
 * read the file (a pause in typing, then line and column marked), and saved only as loaded. When
 * the service refuses, the person gets the choice it leaves: save an invalid text anyway, or
 * reload a file that changed on disk (after copying their edit).
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiError, ConfFileInfo, PconfParse, SavedConf } from '../../shared/contract.js';
import { toApiError } from '../api/ApiCallError.js';
import { useDebounced } from '../hooks/useDebounced.js';
import { confIssues, lineIssues } from '../lib/confIssues.js';
import { visibleText } from '../lib/visibleText.js';
import { useActions } from '../store/context.js';
import { ConfIssueList } from './ConfIssueList.js';
import { CopyButton } from './CopyButton.js';
import { ErrorCallout } from './ErrorCallout.js';
import { LazyCodeView } from './lazyEditors.js';
import { countOf } from '../../shared/units.js';
import './PconfEditor.css';

/** Long enough to let a word be typed, short enough to feel live. */
const CHECK_AFTER_MS = 250;

export interface PconfEditorProps {
  path: string;
  fileName: string;
  /** The text and the file's facts when editing began: a save is refused if the file is no longer so. */
  text: string;
  loaded: ConfFileInfo;
  /** The file's facts as last inspected, to warn while editing that it changed on disk. */
  current: ConfFileInfo | undefined;
  onSaved(saved: SavedConf): void;
  /** Leave the editor; `reload`: and read the file again. */
  onClose(reload: boolean): void;
}

type Check = { text: string; result: PconfParse | null; error: ApiError | null };

export function PconfEditor({
  path,
  fileName,
  text: initial,
  loaded,
  current,
  onSaved,
  onClose,
}: PconfEditorProps) {
  const actions = useActions();
  const [text, setText] = useState(initial);
  const settled = useDebounced(text, CHECK_AFTER_MS);
  const [check, setCheck] = useState<Check | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let fresh = true;
    actions.validateConf(path, settled).then(
      (result) => fresh && setCheck({ text: settled, result, error: null }),
      (err: unknown) => fresh && setCheck({ text: settled, result: null, error: toApiError(err) }),
    );
    return () => {
      fresh = false;
    };
  }, [actions, path, settled]);

  const issues = useMemo(
    () => (check?.result ? confIssues(check.result, undefined, fileName) : []),
    [check, fileName],
  );
  const marks = useMemo(() => lineIssues(issues), [issues]);
  const checked = check?.text === text ? check : null;
  const changedOnDisk =
    current !== undefined && (current.mtimeMs !== loaded.mtimeMs || current.size !== loaded.size);

  const save = async (force: boolean) => {
    if (saving) return;
    setSaving(true);
    setSaveError(null);
    try {
      onSaved(await actions.saveConf(path, text, { mtimeMs: loaded.mtimeMs, size: loaded.size }, force));
    } catch (err) {
      setSaveError(toApiError(err));
      setSaving(false);
    }
  };

  return (
    <div className="pconf-editor">
      <LazyCodeView
        text={text}
        label={`Edit ${visibleText(fileName)}`}
        issues={marks}
        onChange={setText}
        onSave={() => void save(false)}
      />
      <p className={`pconf-check${checked?.result?.ok === false ? ' text-error' : ''}`} aria-live="polite">
        <CheckStatus check={checked} />
      </p>
      {checked?.error && <ErrorCallout error={checked.error} title="Could not check the text" />}
      <ConfIssueList issues={issues} />
      {changedOnDisk && !saveError && (
        <p className="text-warn">
          The file changed on disk since you began editing: saving will be refused. Copy your edit, then
          reload.
        </p>
      )}
      {saveError && <ErrorCallout error={saveError} title="Not saved" />}
      <div className="pconf-editor-actions">
        <button type="button" className="btn btn-primary" disabled={saving} onClick={() => void save(false)}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        {saveError?.code === 'CONFIG_INVALID' && (
          <button type="button" className="btn" disabled={saving} onClick={() => void save(true)}>
            Save anyway
          </button>
        )}
        {(saveError?.code === 'FILE_CHANGED' || changedOnDisk) && (
          <>
            <CopyButton text={text} label="Copy my edit" className="btn" />
            <button type="button" className="btn" onClick={() => onClose(true)}>
              Discard my edit and reload
            </button>
          </>
        )}
        <button type="button" className="btn" disabled={saving} onClick={() => onClose(false)}>
          Cancel
        </button>
        <span className="muted">Ctrl+S saves.</span>
      </div>
    </div>
  );
}

function CheckStatus({ check }: { check: Check | null }) {
  if (check === null) return <span className="muted">Checking…</span>;
  const result = check.result;
  if (result === null) return <>Not checked.</>;
  if (!result.ok) return <>Not a valid .pconf yet.</>;
  const warnings = result.warnings.length;
  return (
    <span className="text-ok">
      A valid .pconf{warnings > 0 ? `, with ${countOf(warnings, 'warning')}` : ''}.
    </span>
  );
}
