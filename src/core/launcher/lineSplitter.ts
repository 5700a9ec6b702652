/**
 * Cuts a process's output stream into lines: UTF-8 decoded across chunk boundaries, LF or CRLF
 * ends a line, and a line longer than the limit is cut into pieces (a plugin printing megabytes
 * without a newline must not grow a buffer without end).
 */
import { StringDecoder } from 'node:string_decoder';

export const DEFAULT_MAX_LINE_CHARS = 16 * 1024;

export class LineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  readonly #maxLineChars: number;
  #partial = '';

  constructor(maxLineChars = DEFAULT_MAX_LINE_CHARS) {
    this.#maxLineChars = maxLineChars;
  }

  /** The lines this chunk completes, in order. */
  push(chunk: Buffer): string[] {
    return this.#split(this.#partial + this.#decoder.write(chunk));
  }

  /** The last line when the stream ends without a newline (empty when it ended with one). */
  end(): string[] {
    const rest = this.#partial + this.#decoder.end();
    this.#partial = '';
    return rest === '' ? [] : this.#cut(rest);
  }

  #split(text: string): string[] {
    const lines: string[] = [];
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      const line =
        text.charCodeAt(nl - 1) === 0x0d && nl > from ? text.slice(from, nl - 1) : text.slice(from, nl);
      lines.push(...this.#cut(line));
      from = nl + 1;
    }
    const rest = this.#cut(text.slice(from));
    this.#partial = rest.pop()!;
    lines.push(...rest);
    return lines;
  }

  /** Pieces of at most the limit, never splitting a surrogate pair; the last piece may be short. */
  #cut(line: string): string[] {
    const pieces: string[] = [];
    let rest = line;
    while (rest.length > this.#maxLineChars) {
      const high = rest.charCodeAt(this.#maxLineChars - 1);
      const at = high >= 0xd800 && high <= 0xdbff ? this.#maxLineChars - 1 : this.#maxLineChars;
      pieces.push(rest.slice(0, at));
      rest = rest.slice(at);
    }
    pieces.push(rest);
    return pieces;
  }
}
