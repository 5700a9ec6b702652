/**
 * Adds a watched folder: the platform's picker where there is one, else a typed path. The service
 * checks it (absolute, a folder, readable); a folder that does not exist is offered to be created.
 */
import { useState } from 'react';
import { useActions, useStudio } from '../store/context.js';
import { PluginText } from './PluginText.js';
import './FolderInput.css';

export function FolderInput({ buttonLabel = 'Add a folder' }: { buttonLabel?: string }) {
  const canPick = useStudio((s) => s.platform?.canPickFolder ?? false);
  const actions = useActions();
  const [typing, setTyping] = useState(false);
  const [path, setPath] = useState('');
  /** The folder the service said does not exist, offered to be created. */
  const [missing, setMissing] = useState<string | null>(null);

  const add = async (folder: string, create = false) => {
    const result = await actions.addFolder(folder, create);
    setMissing(result === 'missing' ? folder : null);
    if (result === 'added') setPath('');
  };

  const offer = missing && (
    <p className="folder-missing" role="status">
      <PluginText className="mono" text={missing} /> does not exist.{' '}
      <button type="button" className="btn btn-small" onClick={() => void add(missing, true)}>
        Create it
      </button>{' '}
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setMissing(null)}>
        Cancel
      </button>
    </p>
  );

  if (canPick && !typing) {
    return (
      <>
        <button
          type="button"
          className="btn"
          onClick={() =>
            void actions.pickFolder().then((picked) => {
              if (picked) void add(picked);
            })
          }
        >
          {buttonLabel}
        </button>
        {offer}
      </>
    );
  }

  return (
    <form
      className="folder-input"
      onSubmit={(e) => {
        e.preventDefault();
        const folder = path.trim();
        if (folder !== '') void add(folder);
      }}
    >
      <input
        className="input mono"
        aria-label="Folder path"
        placeholder="/absolute/path/to/plugins"
        value={path}
        onChange={(e) => {
          setPath(e.target.value);
          setMissing(null);
        }}
      />
      <button type="submit" className="btn" disabled={path.trim() === ''}>
        {buttonLabel}
      </button>
      {canPick && (
        <button type="button" className="btn btn-ghost" onClick={() => setTyping(false)}>
          Use the picker
        </button>
      )}
      {offer}
    </form>
  );
}
