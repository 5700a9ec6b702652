/**
 * Text from a .pconf or a file name can hold anything, including terminal escape sequences and
 * bidi overrides. Messages are printed by the CLI and shown in the Studio, so every piece of
 * untrusted text goes through here first: control and bidi characters become visible escapes.
 */
import { basename } from 'node:path';
import { escapeUnits, HIDDEN_CHAR, hiddenChars } from './hiddenChars.js';

/** `\uXXXX` for every hidden character (controls, bidi and other format characters), the rest unchanged. */
export function printable(text: string): string {
  return HIDDEN_CHAR.test(text) ? text.replace(hiddenChars(), escapeUnits) : text;
}

/** A value quoted for a message: JSON string syntax, cut to `max` characters. */
export function quote(text: string, max = 60): string {
  const chars = [...text];
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return printable(JSON.stringify(cut));
}

/** The file's base name, safe to put in a message. */
export function displayName(path: string): string {
  return printable(basename(path));
}

/** One character for a syntax error: `'x'` when it is printable ASCII, else its code point. */
export function describeChar(text: string, offset: number): string {
  const code = text.codePointAt(offset);
  if (code === undefined) return 'end of input';
  if (code >= 0x20 && code < 0x7f) return `character '${String.fromCharCode(code)}'`;
  return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
