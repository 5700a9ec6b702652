/**
 * Settings: the launch manifests (`<NameSpace><Name>.plugin.json`) in the watched folders, each
 * with the plugin it launches or what is wrong with it; edit, create and delete them.
 */
import { useState } from 'react';
import type { ManifestFile } from '../../shared/contract.js';
import { useManifests } from '../hooks/useManifests.js';
import { useActions } from '../store/context.js';
import { ManifestEditor } from './ManifestEditor.js';
import { ManifestItem } from './ManifestItem.js';
import './ManifestsSection.css';

type Editing = { file: ManifestFile | null } | null;

export function ManifestsSection({ folders }: { folders: string[] }) {
  const actions = useActions();
  const { files, error, reload } = useManifests();
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const done = (path: string | null) => {
    setEditing(null);
    setSaved(path);
    if (path) reload();
  };
  // The text as it is now: the file may have been edited elsewhere since it was listed.
  const edit = async (file: ManifestFile) => {
    const fresh = await actions.listManifests().catch(() => null);
    setSaved(null);
    setEditing({ file: fresh?.find((f) => f.path === file.path) ?? file });
  };
  const remove = async (file: ManifestFile) => {
    const gone = await actions.deleteManifest(file.path);
    if (gone) {
      setSaved(null);
      reload();
    }
    return gone;
  };

  return (
    <fieldset className="settings-group">
      <legend>Launch manifests</legend>
      <p className="setting-help muted">
        A manifest tells the Studio how to start a plugin&apos;s process: its switch then launches it, a crash restarts it, and
        its output is in its Logs tab.
      </p>
      {error && <p className="text-error">Could not list the manifests: {error.message}</p>}
      {files === null ? (
        !error && <p className="muted">Loading…</p>
      ) : files.length === 0 ? (
        <p className="muted">No launch manifest in the watched folders.</p>
      ) : (
        <ul className="manifest-list" aria-label="Launch manifests">
          {files.map((file) => (
            <ManifestItem key={file.path} file={file} onEdit={(f) => void edit(f)} onDelete={remove} />
          ))}
        </ul>
      )}
      {saved && (
        <p className="text-ok" role="status">
          Saved {saved}
        </p>
      )}
      {editing ? (
        <ManifestEditor key={editing.file?.path ?? 'new'} file={editing.file} folders={folders} onDone={done} />
      ) : (
        <button
          type="button"
          className="btn"
          disabled={folders.length === 0}
          onClick={() => {
            setSaved(null);
            setEditing({ file: null });
          }}
        >
          New manifest
        </button>
      )}
    </fieldset>
  );
}
