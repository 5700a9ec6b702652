import './EditorPlaceholder.css';
/**
 * Stands in for an editor while its code loads: the same box (the same classes), so nothing moves
 * when the editor arrives, and a line of text rather than a spinner.
 */
export interface EditorPlaceholderProps {
  /** The editor's accessible name, e.g. "Request body". */
  label: string;
  /** The classes of the editor's own box, e.g. "editor code-view". */
  className: string;
}

export function EditorPlaceholder({ label, className }: EditorPlaceholderProps) {
  return (
    <div className={`${className} editor-placeholder`} role="status" aria-label={label}>
      Loading the editor…
    </div>
  );
}
