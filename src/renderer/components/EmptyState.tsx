/** No plugins yet: what a plugin folder is, which folder is watched, and how to get going. */
import { useState } from 'react';
import { useActions, useStudio } from '../store/context.js';
import { FolderInput } from './FolderInput.js';
import './EmptyState.css';

export function EmptyState() {
  const folders = useStudio((s) => s.settings?.folders ?? null);
  const ext = useStudio((s) => s.settings?.confExtension ?? '.pconf');
  const actions = useActions();
  const [starting, setStarting] = useState(false);
  const first = folders?.[0];

  return (
    <section className="empty-state" aria-label="Getting started">
      <h2>No plugins yet</h2>
      <p>
        A plugin folder is where each GoPlug plugin leaves a small <span className="mono">{ext}</span> file naming its
        socket. Studio watches the folder and lists every plugin that appears there, ready to start and call.
      </p>
      <p className="muted">{folders && folders.length > 1 ? 'Watched folders:' : 'Watched folder:'}</p>
      <ul className="folder-list">
        {folders && folders.length > 0 ? (
          folders.map((f) => (
            <li key={f} className="mono">
              {f}
            </li>
          ))
        ) : (
          <li className="muted">none yet</li>
        )}
      </ul>
      <div className="empty-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={starting}
          onClick={() => {
            setStarting(true);
            void actions.startSamples(first).finally(() => setStarting(false));
          }}
        >
          {starting ? 'Starting samples…' : 'Start sample plugins here'}
        </button>
        <FolderInput />
      </div>
    </section>
  );
}
