import { useCopy } from '../hooks/useCopy.js';

/** A button that copies `text` and says "Copied" (or that it could not) for a moment. */
export function CopyButton({ text, label, className = 'btn btn-small' }: { text: string; label: string; className?: string }) {
  const [state, copy] = useCopy();
  return (
    <button type="button" className={className} onClick={() => copy(text)} aria-label={label}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
