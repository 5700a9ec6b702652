/**
 * Text from a .pconf or a file name can hold anything, including terminal escape sequences and
 * bidi overrides. Messages are printed by the CLI and shown in the Studio, so every piece of
 * untrusted text goes through here first: control and bidi characters become visible escapes.
 */
import { basename } from 'node:path';

function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** `\uXXXX` for every control or bidi character, the rest unchanged. */
export function printable(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += isUnsafe(code) ? `\\u${code.toString(16).padStart(4, '0')}` : text[i];
  }
  return out;
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
