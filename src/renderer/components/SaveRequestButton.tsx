/**
 * "Save request" in the console: the request as it is (plugin, method, body) with a name, a
 * timeout and what its answer must be, saved into a collection file: one listed by the service
 * (in a watched folder, or picked in the desktop app's dialog) or a new one in a watched folder.
 */
import { useId, useState } from 'react';
import type { ApiError, Collection, CollectionFile } from '../../shared/contract.js';
import { MAX_REQUEST_TIMEOUT_MS } from '../../shared/contract.js';
import { toApiError } from '../api/ApiCallError.js';
import { useCollections } from '../hooks/useCollections.js';
import { collectionFileName, expectation, savedBody, withRequest } from '../lib/savedRequest.js';
import { parseTimeout, requestContentType } from '../lib/consoleRequest.js';
import { visibleText } from '../lib/visibleText.js';
import { useActions, useStudio } from '../store/context.js';
import { EMPTY_CONSOLE } from '../store/studioStore.js';
import { PluginText } from './PluginText.js';
import './SaveRequestButton.css';

const NEW_FILE = '';
const NO_FOLDERS: string[] = [];

export function SaveRequestButton({ pluginId }: { pluginId: string }) {
  const method = useStudio((s) => (s.consoles[pluginId] ?? EMPTY_CONSOLE).method.trim());
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={method === ''}
        title={method === '' ? 'Type a method first' : 'Save this request into a collection'}
        onClick={() => {
          setSaved(null);
          setOpen(true);
        }}
      >
        Save request
      </button>
      {saved && (
        <span className="text-ok" role="status">
          Saved to <PluginText text={saved} />
        </span>
      )}
      {open && (
        <SaveRequestForm
          pluginId={pluginId}
          onDone={(path) => {
            setOpen(false);
            setSaved(path);
          }}
        />
      )}
    </>
  );
}

function SaveRequestForm({ pluginId, onDone }: { pluginId: string; onDone: (path: string | null) => void }) {
  const actions = useActions();
  const draft = useStudio((s) => s.consoles[pluginId] ?? EMPTY_CONSOLE);
  const folders = useStudio((s) => s.settings?.folders ?? NO_FOLDERS);
  const canPick = useStudio((s) => s.platform?.kind === 'electron');
  const { files } = useCollections();
  const usable = (files ?? []).filter(
    (f): f is CollectionFile & { collection: Collection } => f.collection !== null,
  );
  const id = useId();
  const method = draft.method.trim().replace(/^\/+/, '');
  const [name, setName] = useState(method);
  const [target, setTarget] = useState(NEW_FILE);
  // Null until the person picks one: the first watched folder, also when the settings arrive later.
  const [pickedFolder, setFolder] = useState<string | null>(null);
  const folder = pickedFolder ?? folders[0] ?? '';
  const [fileName, setFileName] = useState(collectionFileName(pluginId.split('/').at(-1) ?? pluginId));
  // The console's own deadline (seconds there, ms in a collection), when it typed a valid one.
  const consoleTimeout = parseTimeout(draft.timeout);
  const [timeout, setTimeoutText] = useState(
    consoleTimeout.ok && consoleTimeout.ms !== undefined ? String(consoleTimeout.ms) : '',
  );
  const [fields, setFields] = useState({ status: '200', body: '', bodyContains: '', json: '', maxMs: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  const field = (key: keyof typeof fields, label: string, hint: string) => (
    <label className="save-field">
      <span>{label}</span>
      <input
        className="input mono"
        value={fields[key]}
        placeholder={hint}
        onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
      />
    </label>
  );

  const save = async (path: string | null) => {
    setProblem(null);
    setError(null);
    const expected = expectation(fields);
    if (!expected.ok) return setProblem(`Expect ${expected.field}: ${expected.message}`);
    const timeoutMs = timeout.trim() === '' ? undefined : Number(timeout);
    if (
      timeoutMs !== undefined &&
      !(Number.isInteger(timeoutMs) && timeoutMs >= 1 && timeoutMs <= MAX_REQUEST_TIMEOUT_MS)
    ) {
      return setProblem(`Timeout: a whole number of milliseconds from 1 to ${MAX_REQUEST_TIMEOUT_MS}.`);
    }
    if (name.trim() === '') return setProblem('Name: give the request a name.');
    // Sent with the Content-Type its body mode gives in the console, so the run sends what Send did.
    const contentType = requestContentType(draft.mode, draft.bodyEncoding);
    const request = {
      name: name.trim(),
      plugin: pluginId,
      method,
      ...savedBody(draft),
      ...(contentType !== undefined && { contentType }),
      ...(timeoutMs !== undefined && { timeoutMs }),
      ...(Object.keys(expected.expect).length > 0 && { expect: expected.expect }),
    };
    const file = path ?? (target === NEW_FILE ? `${folder.replace(/\/+$/, '')}/${fileName.trim()}` : target);
    setSaving(true);
    try {
      // Listed now, not when the form opened: the file may have changed, or be the one just picked.
      const listed = (await actions.listCollections()).find((f) => f.path === file);
      if (listed && listed.collection === null) {
        setProblem(
          `${visibleText(listed.fileName)} is not a valid collection, so it is left as it is: ${visibleText(listed.problem ?? '')}`,
        );
        return;
      }
      const base: Collection = listed?.collection ?? {
        name: fileName.replace(/\.collection\.json$/, ''),
        requests: [],
      };
      onDone(await actions.saveCollection(file, withRequest(base, request)));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setSaving(false);
    }
  };
  const saveElsewhere = async () => {
    try {
      const path = await actions.pickCollectionFile('save', fileName);
      if (path !== null) await save(path);
    } catch (err) {
      setError(toApiError(err));
    }
  };

  return (
    <div
      className="save-request"
      role="dialog"
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone(null);
      }}
    >
      <h3 id={`${id}-title`}>Save request</h3>
      <p className="muted mono">
        <PluginText text={`${pluginId} · ${method}`} />
      </p>
      <label className="save-field">
        <span>Name</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <label className="save-field">
        <span>Collection</span>
        <select className="input" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value={NEW_FILE}>New collection file…</option>
          {usable.map((f) => (
            <option key={f.path} value={f.path}>
              {visibleText(`${f.collection.name} (${f.fileName})`)}
            </option>
          ))}
        </select>
      </label>
      {target === NEW_FILE && (
        <div className="save-row">
          <label className="save-field">
            <span>Folder</span>
            <select className="input mono" value={folder} onChange={(e) => setFolder(e.target.value)}>
              {folders.map((f) => (
                <option key={f} value={f}>
                  {visibleText(f)}
                </option>
              ))}
            </select>
          </label>
          <label className="save-field">
            <span>File name</span>
            <input className="input mono" value={fileName} onChange={(e) => setFileName(e.target.value)} />
          </label>
        </div>
      )}
      <label className="save-field">
        <span>Timeout (ms)</span>
        <input
          className="input num"
          inputMode="numeric"
          value={timeout}
          placeholder="the Studio's default"
          onChange={(e) => setTimeoutText(e.target.value)}
        />
      </label>
      <fieldset className="save-expect">
        <legend>Expect</legend>
        {field('status', 'Status', '200')}
        {field('body', 'Body equals', 'the whole body, as text')}
        {field('bodyContains', 'Body contains', 'text in the body')}
        {field('json', 'JSON subset', '{"key": "k"}')}
        {field('maxMs', 'At most (ms)', 'time limit')}
      </fieldset>
      {problem && (
        <p className="text-error" role="alert">
          {problem}
        </p>
      )}
      {error && (
        <p className="text-error" role="alert">
          <PluginText text={`${error.code}: ${error.message}`} />
        </p>
      )}
      <div className="save-actions">
        <button type="button" className="btn btn-primary" disabled={saving} onClick={() => void save(null)}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        {canPick && (
          <button type="button" className="btn" disabled={saving} onClick={() => void saveElsewhere()}>
            Save to a file elsewhere…
          </button>
        )}
        <button type="button" className="btn btn-ghost" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
