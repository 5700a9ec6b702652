/**
 * Bytes of a .pconf to text. A .pconf is UTF-8 JSON; anything holding a NUL byte or invalid UTF-8
 * is not a text file at all, and is refused before any parsing so no garbage reaches a message.
 */
const BOM = [0xef, 0xbb, 0xbf];

export interface DecodedText {
  text: string;
  /** The file started with a UTF-8 byte order mark, which is not part of `text`. */
  bom: boolean;
}

/** The text, or null when the bytes are binary or not UTF-8. */
export function decodeText(bytes: Uint8Array): DecodedText | null {
  if (bytes.includes(0)) return null;
  const bom = BOM.every((byte, i) => bytes[i] === byte);
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      bom ? bytes.subarray(3) : bytes,
    );
    return { text, bom };
  } catch {
    return null;
  }
}
