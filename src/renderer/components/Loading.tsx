import { useActions } from '../store/context.js';

/** Before the first snapshot: says what it waits for, with a way to ask again. */
export function Loading() {
  const actions = useActions();
  return (
    <div className="placeholder">
      <h2>Connecting to GoPlug Studio…</h2>
      <p className="muted">Waiting for the list of plugins. If this takes long, check that Studio is still running.</p>
      <button type="button" className="btn" onClick={() => void actions.reload()}>
        Try again
      </button>
    </div>
  );
}
