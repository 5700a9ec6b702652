/** Adds a watched folder: the platform's picker where there is one, else a typed path. */
import { useState } from 'react';
import { useActions, useStudio } from '../store/context.js';
import './FolderInput.css';

export function FolderInput({ buttonLabel = 'Add a folder' }: { buttonLabel?: string }) {
  const canPick = useStudio((s) => s.platform?.canPickFolder ?? false);
  const actions = useActions();
  const [typing, setTyping] = useState(false);
  const [path, setPath] = useState('');

  if (canPick && !typing) {
    return (
      <button
        type="button"
        className="btn"
        onClick={() =>
          void actions.pickFolder().then((picked) => {
            if (picked) void actions.addFolder(picked);
          })
        }
      >
        {buttonLabel}
      </button>
    );
  }

  const add = () => {
    const folder = path.trim();
    if (folder === '') return;
    void actions.addFolder(folder).then((ok) => ok && setPath(''));
  };
  return (
    <form
      className="folder-input"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <input
        className="input mono"
        aria-label="Folder path"
        placeholder="/absolute/path/to/plugins"
        value={path}
        onChange={(e) => setPath(e.target.value)}
      />
      <button type="submit" className="btn" disabled={path.trim() === ''}>
        {buttonLabel}
      </button>
      {canPick && (
        <button type="button" className="btn btn-ghost" onClick={() => setTyping(false)}>
          Use the picker
        </button>
      )}
    </form>
  );
}
