/**
 * JSON text laid out one member per line, two spaces a level, without parsing it: keys, strings
 * and numbers stay exactly as written (no rounding, duplicate keys kept, escapes as they are), and
 * a broken text is laid out as far as it goes, which helps to see where it breaks. A hostile file
 * cannot blow it up: indentation stops deepening at MAX_INDENT_LEVELS, and the result stops at
 * MAX_FORMATTED_CHARS.
 */

const MAX_INDENT_LEVELS = 16;
export const MAX_FORMATTED_CHARS = 1024 * 1024;
const CUT_NOTE = '\n… (cut: the formatted text is too long to show)';

const OPENERS = new Set(['{', '[']);
const CLOSERS = new Set(['}', ']']);
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

export function formatJson(text: string): string {
  const out: string[] = [];
  let length = 0;
  let depth = 0;
  let spaceBefore = false; // whitespace was skipped between two plain characters (e.g. `tru e`)
  const put = (s: string) => {
    out.push(s);
    length += s.length;
  };
  const newline = () => put(`\n${'  '.repeat(Math.min(depth, MAX_INDENT_LEVELS))}`);
  const nextSolid = (from: number) => {
    let i = from;
    while (i < text.length && WHITESPACE.has(text[i]!)) i += 1;
    return i;
  };

  let i = 0;
  while (i < text.length) {
    if (length > MAX_FORMATTED_CHARS) return out.join('') + CUT_NOTE;
    const c = text[i]!;
    if (WHITESPACE.has(c)) {
      spaceBefore = length > 0;
      i += 1;
      continue;
    }
    const plain = !OPENERS.has(c) && !CLOSERS.has(c) && c !== ',' && c !== ':';
    const last = out.at(-1)?.at(-1);
    if (plain && spaceBefore && last !== undefined && last !== ' ' && last !== '\n' && !OPENERS.has(last))
      put(' ');
    spaceBefore = false;
    if (c === '"') {
      const end = stringEnd(text, i);
      put(text.slice(i, end));
      i = end;
    } else if (OPENERS.has(c)) {
      const after = nextSolid(i + 1);
      if (CLOSERS.has(text[after] ?? '')) {
        put(c + text[after]!);
        i = after + 1;
      } else {
        put(c);
        depth += 1;
        newline();
        i += 1;
      }
    } else if (CLOSERS.has(c)) {
      depth = Math.max(0, depth - 1);
      newline();
      put(c);
      i += 1;
    } else if (c === ',') {
      put(',');
      newline();
      i += 1;
    } else if (c === ':') {
      put(': ');
      i += 1;
    } else {
      put(c);
      i += 1;
    }
  }
  return out.join('');
}

/** The index just past the string starting at `start` (its closing quote, or the end of the line or text). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '\n')
      return i; // an unterminated string: the rest is laid out again
    else i += 1;
  }
  return text.length;
}
