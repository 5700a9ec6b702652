/**
 * A short, printable view of bytes a plugin sent, for error messages: printable ASCII as is,
 * everything else escaped, never longer than `maxChars` plus an ellipsis.
 */
const NAMED_ESCAPES: Record<number, string> = {
  0x09: '\\t',
  0x0a: '\\n',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

export function bodyPreview(bytes: Uint8Array, maxChars = 80): string {
  let text = '';
  for (const byte of bytes) {
    const piece =
      NAMED_ESCAPES[byte] ??
      (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`);
    if (text.length + piece.length > maxChars) return `"${text}"… (${bytes.length} bytes)`;
    text += piece;
  }
  return `"${text}"`;
}
