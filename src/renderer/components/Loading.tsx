import { useActions, useStudio } from '../store/context.js';

/**
 * Before the first snapshot: says what it waits for, or why it failed (a page opened without
 * its token is told so here, not left "connecting" forever), with a way to ask again.
 */
export function Loading() {
  const error = useStudio((s) => s.loadError);
  const actions = useActions();
  const retry = (
    <button type="button" className="btn" onClick={() => void actions.reload()}>
      Try again
    </button>
  );
  if (error) {
    return (
      <div className="placeholder" role="alert">
        <h2>{error.code === 'UNAUTHORIZED' ? 'This page has no access to GoPlug Studio' : 'Could not load the plugins'}</h2>
        <p>{error.message}</p>
        <p className="muted">{error.hint}</p>
        {retry}
      </div>
    );
  }
  return (
    <div className="placeholder">
      <h2>Connecting to GoPlug Studio…</h2>
      <p className="muted">Waiting for the list of plugins. If this takes long, check that Studio is still running.</p>
      {retry}
    </div>
  );
}
