/** One launch manifest in the settings: file, the plugin it launches or what is wrong; Edit, Delete. */
import { useState } from 'react';
import type { ManifestFile } from '../../shared/contract.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import './ManifestItem.css';

export interface ManifestItemProps {
  file: ManifestFile;
  onEdit: (file: ManifestFile) => void;
  onDelete: (file: ManifestFile) => Promise<boolean>;
}

export function ManifestItem({ file, onEdit, onDelete }: ManifestItemProps) {
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const problem = file.problem;
  const place = problem?.line !== undefined ? ` (line ${problem.line}${problem.column ? `:${problem.column}` : ''})` : '';

  const remove = () => {
    setDeleting(true);
    void onDelete(file).then((gone) => {
      if (!gone) setDeleting(false);
    });
  };

  return (
    <li className={`manifest-item${problem ? ' has-problem' : ''}`} aria-label={visibleText(file.fileName)}>
      <div className="manifest-main">
        <span className="mono manifest-file" title={visibleText(file.path)}>
          <PluginText text={file.fileName} />
        </span>
        {file.id && (
          <span className="mono muted">
            launches <PluginText text={file.id} />
          </span>
        )}
        <span className="muted mono manifest-folder" title={file.folder}>
          in {file.folder}
        </span>
        {problem && (
          <span className="manifest-problem">
            <PluginText text={problem.reason} />
            {place}
          </span>
        )}
      </div>
      {confirming ? (
        <span className="manifest-actions" role="group" aria-label={`Delete ${visibleText(file.fileName)}?`}>
          <span>Delete this file?</span>
          <button type="button" className="btn btn-small btn-danger" disabled={deleting} onClick={remove}>
            {deleting ? 'Deleting…' : 'Delete file'}
          </button>
          <button type="button" className="btn btn-small" disabled={deleting} onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <span className="manifest-actions">
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Edit ${visibleText(file.fileName)}`}
            disabled={file.text === null}
            title={file.text === null ? 'The file cannot be read as text' : undefined}
            onClick={() => onEdit(file)}
          >
            Edit
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            aria-label={`Delete ${visibleText(file.fileName)}`}
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        </span>
      )}
    </li>
  );
}
