/**
 * Edits a launch manifest as JSON: syntax marked as you type, and on Save the service's own check,
 * whose message (field, problem) shows beside the text. A new one picks its folder; its file name
 * comes from its NameSpace and Name.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ApiError, ManifestFile } from '../../shared/contract.js';
import { toApiError } from '../api/ApiCallError.js';
import { useActions } from '../store/context.js';
import { ErrorCallout } from './ErrorCallout.js';
import { LazyJsonEditor } from './lazyEditors.js';
import './ManifestEditor.css';

/** A new manifest: what most Node plugins need; autoStart off so that saving launches nothing yet. */
export const NEW_MANIFEST = `{
  "name": "myplugin",
  "namespace": "",
  "command": "node",
  "args": ["myplugin.js"],
  "env": {},
  "autoStart": false,
  "restart": "on-failure"
}
`;

function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export interface ManifestEditorProps {
  /** The file edited; null for a new manifest. */
  file: ManifestFile | null;
  folders: string[];
  /** Called with the saved file's path, or null when cancelled. */
  onDone: (path: string | null) => void;
}

export function ManifestEditor({ file, folders, onDone }: ManifestEditorProps) {
  const actions = useActions();
  const folderId = useId();
  const [text, setText] = useState(file?.text ?? NEW_MANIFEST);
  const [folder, setFolder] = useState(file?.folder ?? folders[0] ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const syntax = jsonProblem(text);
  const title = file ? `Edit ${file.fileName}` : 'New launch manifest';
  const section = useRef<HTMLElement>(null);
  // It opens below the list: bring it into view (jsdom has no scrolling, hence the check).
  useEffect(() => {
    const el = section.current;
    if (el && 'scrollIntoView' in el) el.scrollIntoView({ block: 'nearest' });
  }, []);

  const save = async () => {
    if (saving) return;
    setSaving(true);
    try {
      onDone(await actions.saveManifest(folder, text, file?.path));
    } catch (err) {
      setError(toApiError(err));
      setSaving(false);
    }
  };

  return (
    <section className="manifest-editor" aria-label={title} ref={section}>
      <h4>{title}</h4>
      {file ? (
        <>
          <p className="muted mono">{file.path}</p>
          {file.problem && <p className="text-warn">Now: {file.problem.reason}</p>}
        </>
      ) : (
        <div className="setting setting-inline">
          <label htmlFor={folderId}>Folder</label>
          <select id={folderId} className="input mono" value={folder} onChange={(e) => setFolder(e.target.value)}>
            {folders.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </div>
      )}
      <LazyJsonEditor value={text} mode="json" label="Manifest JSON" onChange={setText} onSubmit={() => void save()} />
      <p className={syntax ? 'setting-help text-warn' : 'setting-help muted'} aria-live="polite">
        {syntax
          ? `Not valid JSON yet: ${syntax}`
          : 'Fields: name, namespace, command, args, cwd, env, autoStart, restart ("no", "on-failure", "always"), stopTimeoutMs, startTimeoutMs. Ctrl+Enter saves.'}
      </p>
      {error && <ErrorCallout error={error} title="Not saved" />}
      <div className="manifest-editor-actions">
        <button type="button" className="btn btn-primary" disabled={saving || folder === ''} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save manifest'}
        </button>
        <button type="button" className="btn" disabled={saving} onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </section>
  );
}
