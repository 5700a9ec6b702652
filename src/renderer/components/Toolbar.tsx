/** The top bar: Start all, Stop all, Rescan, auto-discover, the watched folders, settings. */
import { useState } from 'react';
import { useActions, useStudio } from '../store/context.js';
import { Switch } from './Switch.js';
import './Toolbar.css';

export function Toolbar() {
  const settings = useStudio((s) => s.settings);
  const hasPlugins = useStudio((s) => Object.keys(s.plugins).length > 0);
  const selection = useStudio((s) => s.selection);
  const select = useStudio((s) => s.select);
  const actions = useActions();
  const [busy, setBusy] = useState<null | 'start' | 'stop' | 'rescan'>(null);

  const run = (what: 'start' | 'stop' | 'rescan', action: () => Promise<void>) => {
    setBusy(what);
    void action().finally(() => setBusy(null));
  };
  const folders = settings?.folders ?? [];
  const folderText =
    folders.length === 0 ? 'No folder watched' : folders.length === 1 ? folders[0] : `${folders[0]} +${folders.length - 1}`;

  return (
    <header className="toolbar">
      <h1 className="brand">GoPlug Studio</h1>
      <div className="toolbar-group">
        <button type="button" className="btn" disabled={!hasPlugins || busy !== null} onClick={() => run('start', actions.startAll)}>
          {busy === 'start' ? 'Starting…' : 'Start all'}
        </button>
        <button type="button" className="btn" disabled={!hasPlugins || busy !== null} onClick={() => run('stop', actions.stopAll)}>
          {busy === 'stop' ? 'Stopping…' : 'Stop all'}
        </button>
        <button type="button" className="btn" disabled={busy !== null} onClick={() => run('rescan', actions.rescan)}>
          {busy === 'rescan' ? 'Rescanning…' : 'Rescan'}
        </button>
      </div>
      <label className="toolbar-switch">
        <Switch
          checked={settings?.autoDiscover ?? false}
          label="Auto-discover"
          disabled={!settings}
          onChange={(on) => void actions.setAutoDiscover(on)}
        />
        <span aria-hidden="true">Auto-discover</span>
      </label>
      <button
        type="button"
        className="btn btn-ghost folders mono"
        title={folders.join('\n')}
        aria-label={`Watched folders: ${folders.join(', ') || 'none'}. Manage in settings`}
        onClick={() => select({ kind: 'settings' })}
      >
        {folderText}
      </button>
      <span className="spacer" />
      <button
        type="button"
        className="btn btn-ghost"
        aria-pressed={selection?.kind === 'collections'}
        onClick={() => select(selection?.kind === 'collections' ? null : { kind: 'collections' })}
      >
        Collections
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        aria-pressed={selection?.kind === 'settings'}
        onClick={() => select(selection?.kind === 'settings' ? null : { kind: 'settings' })}
      >
        Settings
      </button>
    </header>
  );
}
