/**
 * Characters that are invisible or reorder what surrounds them: controls (Cc: C0, DEL, C1),
 * format characters (Cf: bidi marks, embeddings, overrides and isolates, zero-width characters)
 * and the line and paragraph separators. Untrusted text shows them escaped, in the terminal
 * (`printable()`, `terminalJson()`) and in the Studio page (`visibleText()`) alike: one set, so a
 * name cannot hide in one place what another shows. No Node: the renderer reads it too.
 */
export const HIDDEN_CHAR = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** Every hidden character of a text, for `replace` and `matchAll`. */
export const hiddenChars = (): RegExp => new RegExp(HIDDEN_CHAR.source, 'gu');

/** `\uXXXX` for each UTF-16 unit of the character: what JSON and JavaScript read as the same text. */
export function escapeUnits(char: string): string {
  let out = '';
  for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}
