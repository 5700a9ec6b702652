/**
 * Shown when several plugins are picked: start or stop them together. Each goes through the same
 * store action as its own switch (so a stop asks whatever that action asks), one after another.
 */
import { useActions, useStudio } from '../store/context.js';

export function PickedBar() {
  const picked = useStudio((s) => s.picked);
  const plugins = useStudio((s) => s.plugins);
  const pick = useStudio((s) => s.pick);
  const actions = useActions();
  const present = picked.filter((id) => plugins[id]);
  if (present.length < 2) return null;
  const stoppable = present.filter((id) => plugins[id]?.state === 'started');
  const startable = present.filter((id) => plugins[id]?.state === 'discovered' || plugins[id]?.state === 'stopped');

  const each = async (ids: string[], act: (id: string) => Promise<void>) => {
    for (const id of ids) await act(id);
  };

  return (
    <div className="picked-bar" role="toolbar" aria-label="Picked plugins">
      <span className="picked-count" aria-live="polite">
        {present.length} picked
      </span>
      {(
        [
          ['Start', startable, actions.startPlugin],
          ['Stop', stoppable, actions.stopPlugin],
        ] as const
      ).map(([verb, ids, act]) => (
        <button key={verb} type="button" className="btn btn-small" disabled={ids.length === 0} onClick={() => void each(ids, act)}>
          {verb} selected ({ids.length})
        </button>
      ))}
      <button type="button" className="btn btn-small" onClick={() => pick([])}>
        Clear
      </button>
    </div>
  );
}
