/**
 * Offsets in the decoded text to the 1-based line and column an editor shows. Lines end at LF,
 * CRLF or a lone CR; a column counts characters (a surrogate pair is one).
 */
export interface TextPosition {
  line: number;
  column: number;
}

function isLowSurrogateAfterHigh(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  const before = text.charCodeAt(i - 1);
  return code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff;
}

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let column = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      column = 1;
    } else if (!isLowSurrogateAfterHigh(text, i)) {
      column++;
    }
  }
  return { line, column };
}
