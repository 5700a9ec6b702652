import { useCopy } from '../hooks/useCopy.js';

/**
 * A button that copies `text` and says "Copied" (or that it could not) for a moment. `text` may be
 * a function, to make the text only on the click (e.g. decoding a body).
 */
export function CopyButton({ text, label, className = 'btn btn-small' }: { text: string | (() => string); label: string; className?: string }) {
  const [state, copy] = useCopy();
  return (
    <button type="button" className={className} onClick={() => copy(typeof text === 'function' ? text() : text)} aria-label={label}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
