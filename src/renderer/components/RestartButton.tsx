/** Brings back a plugin the supervisor gave up on (Fatal), with a fresh crash budget. */
import { useActions, useStudio } from '../store/context.js';

export function RestartButton({ id, small = false }: { id: string; small?: boolean }) {
  const pending = useStudio((s) => s.pending[id]);
  const actions = useActions();
  return (
    <button
      type="button"
      className={`btn btn-danger${small ? ' btn-small' : ''}`}
      aria-label={`Restart ${id}`}
      title="Launch it again with a fresh crash budget"
      disabled={pending !== undefined}
      onClick={(e) => {
        e.stopPropagation();
        void actions.restartPlugin(id);
      }}
    >
      {pending ? 'Restarting…' : 'Restart'}
    </button>
  );
}
