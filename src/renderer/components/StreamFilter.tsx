/** Which output a Logs tab shows: everything, or stdout, stderr or the supervisor's own lines. */
import type { LogQuery } from '../store/types.js';

const STREAMS: ReadonlyArray<{ id: LogQuery['stream']; title: string; hint: string }> = [
  { id: 'all', title: 'All', hint: 'Every line, in order' },
  { id: 'stdout', title: 'stdout', hint: 'What the plugin printed on its standard output' },
  { id: 'stderr', title: 'stderr', hint: 'What the plugin printed on its standard error' },
  { id: 'supervisor', title: 'supervisor', hint: 'What the Studio noted: launches, exits, restarts' },
];

export function StreamFilter({ value, onChange }: { value: LogQuery['stream']; onChange: (stream: LogQuery['stream']) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Streams">
      {STREAMS.map((s) => (
        <button
          key={s.id}
          type="button"
          className="btn btn-small"
          aria-pressed={s.id === value}
          title={s.hint}
          onClick={() => onChange(s.id)}
        >
          {s.title}
        </button>
      ))}
    </div>
  );
}
