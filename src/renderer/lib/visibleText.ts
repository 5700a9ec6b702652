/**
 * Plugin-supplied text shown so that it cannot lie: characters that are invisible or reorder
 * what surrounds them (C0/C1 controls, bidi overrides and isolates, line and paragraph
 * separators, zero-width and other format characters) become a visible mark such as ⟨U+202E⟩.
 * A name `\u202Eohce` then reads "⟨U+202E⟩ohce", never "echo".
 */

import { HIDDEN_CHAR, hiddenChars } from '../../shared/hiddenChars.js';

/** Kept as they are where text has lines of its own (bodies, output): tab, line feed, carriage return. */
const LINE_CHARS = new Set(['\t', '\n', '\r']);

export interface TextPart {
  text: string;
  /** The part is the mark of one hidden character. */
  hidden: boolean;
}

/** The mark shown in place of a hidden character, e.g. "⟨U+202E⟩". */
export function hiddenCharMark(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/**
 * The text in parts, each hidden character a part of its own (as its mark). `lines`: keep tab,
 * line feed and carriage return, for text that is shown with its lines.
 */
export function visibleParts(text: string, { lines = false }: { lines?: boolean } = {}): TextPart[] {
  if (!HIDDEN_CHAR.test(text)) return [{ text, hidden: false }];
  const parts: TextPart[] = [];
  let from = 0;
  for (const match of text.matchAll(hiddenChars())) {
    const at = match.index;
    if (lines && LINE_CHARS.has(match[0])) continue;
    if (at > from) parts.push({ text: text.slice(from, at), hidden: false });
    parts.push({ text: hiddenCharMark(match[0]), hidden: true });
    from = at + match[0].length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), hidden: false });
  return parts;
}

/** The text with every hidden character as its mark: for attributes, <option>s and titles. */
export function visibleText(text: string, options: { lines?: boolean } = {}): string {
  if (!HIDDEN_CHAR.test(text)) return text;
  return visibleParts(text, options)
    .map((p) => p.text)
    .join('');
}
