/**
 * A small JSON scanner for .pconf files: strict JSON, except that a trailing comma before `}` or
 * `]` is accepted and reported (GoPlug's own README example has one). It keeps the offsets the
 * parser needs for messages: where each top-level member is, where scanning stopped and whether it
 * stopped because the input ended (a file still being written). It is iterative with a nesting
 * limit, so hostile input such as 100,000 `[` cannot overflow the stack.
 */
import { describeChar } from '../text/safeText.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One member of the top-level object, with offsets into the text. */
export interface JsonMember {
  key: string;
  keyOffset: number;
  valueOffset: number;
  value: JsonValue;
}

export type JsonScan =
  | {
      ok: true;
      value: JsonValue;
      /** Offset of the top-level value. */
      valueOffset: number;
      /** The top-level object's members in file order, duplicates included; empty for a non-object. */
      members: JsonMember[];
      /** Offsets of tolerated trailing commas. */
      trailingCommas: number[];
      /** With `{ places: true }`: where every value (and member key) is, by `placeKey(path)`. */
      places?: Map<string, JsonPlace>;
    }
  | {
      ok: false;
      offset: number;
      /** What went wrong there, e.g. `unexpected character 'h'; expected a value`. */
      problem: string;
      /** The input ended where more was expected: empty or truncated. */
      endOfInput: boolean;
    };

/** Where a value sits in the text; a member's key too. */
export interface JsonPlace {
  valueOffset: number;
  keyOffset?: number;
}

/** The key of a value's place: its path from the top, object keys and array indexes. */
export function placeKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path);
}

class ScanFailure {
  constructor(
    readonly offset: number,
    readonly problem: string,
    readonly endOfInput: boolean,
  ) {}
}

interface ArrayFrame {
  kind: 'array';
  start: number;
  items: JsonValue[];
}

interface ObjectFrame {
  kind: 'object';
  start: number;
  object: { [key: string]: JsonValue };
  key: string;
  keyOffset: number;
}

type Frame = ArrayFrame | ObjectFrame;

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Sets an own property even for keys like `__proto__`, which plain assignment would not. */
export function setOwn(object: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

class Scanner {
  private pos = 0;
  private readonly stack: Frame[] = [];
  private readonly members: JsonMember[] = [];
  private readonly trailingCommas: number[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    /** Kept only when asked: a message about a nested field (a collection's) needs its place. */
    private readonly places?: Map<string, JsonPlace>,
  ) {}

  run(): JsonScan {
    for (;;) {
      this.skipWhitespace();
      const start = this.pos;
      const c = this.peek('a value');
      const value = c === '{' || c === '[' ? this.open(c) : this.scalar();
      // undefined: a container opened and its first value comes next.
      if (value === undefined) continue;
      const done = this.complete(value, start);
      if (done) return done;
    }
  }

  /** Opens a container; returns it when it is empty (already closed), else undefined. */
  private open(c: '{' | '['): JsonValue | undefined {
    if (this.stack.length >= this.maxDepth) {
      throw new ScanFailure(this.pos, `nested deeper than ${this.maxDepth} levels`, false);
    }
    const start = this.pos++;
    this.skipWhitespace();
    if (c === '[') {
      if (this.text[this.pos] === ']') {
        this.pos++;
        return [];
      }
      this.stack.push({ kind: 'array', start, items: [] });
      return undefined;
    }
    const object: { [key: string]: JsonValue } = {};
    if (this.text[this.pos] === '}') {
      this.pos++;
      return object;
    }
    const frame: ObjectFrame = { kind: 'object', start, object, key: '', keyOffset: start };
    this.stack.push(frame);
    this.key(frame);
    return undefined;
  }

  /**
   * A value is complete: attach it to its container, then read separators and closing brackets
   * until another value is expected (undefined) or the top-level value is done (the result).
   */
  private complete(first: JsonValue, firstStart: number): JsonScan | undefined {
    let value = first;
    let start = firstStart;
    for (;;) {
      const top = this.stack.at(-1);
      if (top === undefined) return this.finish(value, start);
      this.attach(top, value, start);
      const close = top.kind === 'array' ? ']' : '}';
      this.skipWhitespace();
      const c = this.peek(`"," or "${close}"`);
      if (c === ',') {
        const comma = this.pos++;
        this.skipWhitespace();
        if (this.text[this.pos] !== close) {
          if (top.kind === 'object') this.key(top);
          return undefined;
        }
        this.trailingCommas.push(comma);
      } else if (c !== close) {
        throw this.unexpected(`expected "," or "${close}"`);
      }
      this.pos++;
      this.stack.pop();
      value = top.kind === 'array' ? top.items : top.object;
      start = top.start;
    }
  }

  private attach(top: Frame, value: JsonValue, start: number): void {
    if (this.places) {
      const path = this.stack.map((f) => (f.kind === 'array' ? f.items.length : f.key));
      const keyOffset = top.kind === 'object' ? top.keyOffset : undefined;
      this.places.set(placeKey(path), { valueOffset: start, ...(keyOffset !== undefined && { keyOffset }) });
    }
    if (top.kind === 'array') {
      top.items.push(value);
      return;
    }
    setOwn(top.object, top.key, value);
    if (this.stack.length === 1) {
      this.members.push({ key: top.key, keyOffset: top.keyOffset, valueOffset: start, value });
    }
  }

  private finish(value: JsonValue, valueOffset: number): JsonScan {
    this.skipWhitespace();
    if (this.pos < this.text.length) throw this.unexpected('the JSON value already ended');
    const members = this.members;
    this.places?.set(placeKey([]), { valueOffset });
    const places = this.places && { places: this.places };
    return { ok: true, value, valueOffset, members, trailingCommas: this.trailingCommas, ...places };
  }

  private key(frame: ObjectFrame): void {
    this.skipWhitespace();
    if (this.peek('a key in double quotes') !== '"') throw this.unexpected('expected a key in double quotes');
    frame.keyOffset = this.pos;
    frame.key = this.string();
    this.skipWhitespace();
    if (this.peek('":" after the key') !== ':') throw this.unexpected('expected ":" after the key');
    this.pos++;
  }

  private scalar(): JsonValue {
    const c = this.text[this.pos];
    if (c === '"') return this.string();
    if (c === '-' || isDigit(c)) return this.number();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    throw this.unexpected('expected a value');
  }

  private literal(word: string, value: JsonValue): JsonValue {
    for (let k = 0; k < word.length; k++) {
      const ch = this.text[this.pos + k];
      if (ch === undefined) throw this.endOfInput(this.pos + k, `expected "${word}"`);
      if (ch !== word[k]) throw this.unexpected(`expected "${word}"`, this.pos + k);
    }
    this.pos += word.length;
    return value;
  }

  private number(): number {
    const text = this.text;
    const start = this.pos;
    let i = start;
    const digits = (): void => {
      if (i >= text.length) throw this.endOfInput(i, 'expected a digit');
      if (!isDigit(text[i])) throw this.unexpected('expected a digit', i);
      while (isDigit(text[i])) i++;
    };
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
    this.pos = i;
    return Number(text.slice(start, i));
  }

  private string(): string {
    const text = this.text;
    let i = this.pos + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= text.length) throw this.endOfInput(i, 'expected the closing quote of a string');
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        this.pos = i + 1;
        return out + text.slice(chunk, i);
      }
      if (code === 0x5c) {
        out += text.slice(chunk, i);
        const escape = text[i + 1];
        if (escape === undefined) throw this.endOfInput(i + 1, 'expected an escape sequence');
        if (escape === 'u') {
          const [decoded, next] = this.unicodeEscape(i);
          out += decoded;
          i = next;
        } else {
          const simple = SIMPLE_ESCAPES[escape];
          if (simple === undefined) throw this.unexpected('expected a valid escape after "\\"', i + 1);
          out += simple;
          i += 2;
        }
        chunk = i;
      } else if (code < 0x20) {
        throw this.unexpected('control characters in a string must be escaped', i);
      } else {
        i++;
      }
    }
  }

  /**
   * `\uXXXX` at `at` (the backslash), joining a surrogate pair written as two escapes. A lone
   * surrogate becomes U+FFFD, as Go's decoder does.
   */
  private unicodeEscape(at: number): [string, number] {
    const unit = this.hex4(at + 2);
    if (unit >= 0xd800 && unit <= 0xdbff && this.text.startsWith('\\u', at + 6)) {
      const low = this.hex4(at + 8);
      if (low >= 0xdc00 && low <= 0xdfff) return [String.fromCharCode(unit, low), at + 12];
    }
    const lone = unit >= 0xd800 && unit <= 0xdfff;
    return [lone ? '\ufffd' : String.fromCharCode(unit), at + 6];
  }

  private hex4(at: number): number {
    let value = 0;
    for (let k = 0; k < 4; k++) {
      const ch = this.text[at + k];
      if (ch === undefined) throw this.endOfInput(at + k, 'expected four hex digits after "\\u"');
      const digit = parseInt(ch, 16);
      if (Number.isNaN(digit)) throw this.unexpected('expected four hex digits after "\\u"', at + k);
      value = value * 16 + digit;
    }
    return value;
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && isWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  private peek(expected: string): string {
    const c = this.text[this.pos];
    if (c === undefined) throw this.endOfInput(this.pos, `expected ${expected}`);
    return c;
  }

  private unexpected(detail: string, offset = this.pos): ScanFailure {
    return new ScanFailure(offset, `unexpected ${describeChar(this.text, offset)}; ${detail}`, false);
  }

  private endOfInput(offset: number, detail: string): ScanFailure {
    return new ScanFailure(offset, detail, true);
  }
}

export function scanJson(text: string, maxDepth: number, options: { places?: boolean } = {}): JsonScan {
  try {
    return new Scanner(text, maxDepth, options.places ? new Map() : undefined).run();
  } catch (err) {
    if (!(err instanceof ScanFailure)) throw err;
    return { ok: false, offset: err.offset, problem: err.problem, endOfInput: err.endOfInput };
  }
}
