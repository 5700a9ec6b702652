/**
 * Text that came from a plugin (or its files), shown so that it cannot lie: isolated from the
 * text around it (<bdi>), every hidden character (bidi override, control, zero-width) as a
 * visible mark such as ⟨U+202E⟩. Attributes, titles and <option>s use visibleText() instead.
 */
import { memo } from 'react';
import { visibleParts, visibleText } from '../lib/visibleText.js';
import './PluginText.css';

/** Past this many marks in one text, they are plain text: one element each would weigh the page down. */
const MAX_MARKED = 200;

export interface PluginTextProps {
  text: string;
  /** Keep tab and line breaks (text shown with its lines: bodies, output, activation). */
  lines?: boolean;
  className?: string;
}

export const PluginText = memo(function PluginText({ text, lines = false, className }: PluginTextProps) {
  const parts = visibleParts(text, { lines });
  const classes = className ? `plugin-text ${className}` : 'plugin-text';
  if (parts.length === 1 && !parts[0]?.hidden) return <bdi className={classes}>{text}</bdi>;
  const marks = parts.filter((p) => p.hidden).length;
  if (marks > MAX_MARKED) return <bdi className={classes}>{visibleText(text, { lines })}</bdi>;
  return (
    <bdi className={classes}>
      {parts.map((p, i) =>
        p.hidden ? (
          <span key={i} className="hidden-char" title="A character that is invisible or reorders text, shown by its code">
            {p.text}
          </span>
        ) : (
          p.text
        ),
      )}
    </bdi>
  );
});
