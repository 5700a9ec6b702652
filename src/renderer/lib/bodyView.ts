/**
 * Decides how to show a body: pretty JSON, plain text or a hex dump, from its content. A body
 * nested too deep for the tree is shown as text; a large one is only looked at in part (its
 * first bytes), so that neither blocks the page.
 */
import { base64ToBytes, decodeUtf8 } from './bytes.js';
import { MAX_TREE_DEPTH, nestedDeeperThan } from './jsonShape.js';

/** Bodies larger than this are shown in part, with "Show all" and "Save to file". */
export const LARGE_BODY_BYTES = 1024 * 1024;
/** How much of a large body is shown at first. */
export const PREVIEW_BYTES = 64 * 1024;

export type BodyView =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown; text: string }
  /** Valid JSON nested deeper than the tree shows: its text as received. */
  | { kind: 'deep'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Uint8Array }
  /** `preview`: the first PREVIEW_BYTES as text, or null when they are not text. */
  | { kind: 'large'; size: number; head: Uint8Array; preview: string | null };

/** Control characters other than tab, newline, carriage return and form feed mark text as binary. */
function looksBinary(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function classifyBody(bytes: Uint8Array): BodyView {
  if (bytes.length === 0) return { kind: 'empty' };
  const text = decodeUtf8(bytes);
  if (text === null || looksBinary(text)) return { kind: 'binary', bytes };
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed !== '') {
    const parsed = parseJson(trimmed);
    if (parsed.ok) {
      return nestedDeeperThan(parsed.value, MAX_TREE_DEPTH) ? { kind: 'deep', text } : { kind: 'json', value: parsed.value, text };
    }
  }
  return { kind: 'text', text };
}

/** The first `count` bytes of a base64 body, decoding no more of it than that. */
export function base64Head(base64: string, count: number): Uint8Array {
  return base64ToBytes(base64.slice(0, Math.ceil(count / 3) * 4)).subarray(0, count);
}

/** The head as text, a character cut at its end left out; null when it is not text. */
function headText(head: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return null;
  }
  return looksBinary(text) ? null : text;
}

/** A body as it crossed the API (base64 and its size in bytes): large ones are decoded in part. */
export function describeBody(base64: string, size: number): BodyView {
  if (size <= LARGE_BODY_BYTES) return classifyBody(base64ToBytes(base64));
  const head = base64Head(base64, PREVIEW_BYTES);
  return { kind: 'large', size, head, preview: headText(head) };
}

/** The extension for a body saved to a file. */
export function bodyFileExtension(view: BodyView): string {
  switch (view.kind) {
    case 'json':
    case 'deep':
      return 'json';
    case 'binary':
      return 'bin';
    case 'large':
      return view.preview === null ? 'bin' : 'txt';
    default:
      return 'txt';
  }
}

function cut(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** A short one-line preview of a body, for lists. */
export function previewBody(view: BodyView, max = 120): string {
  switch (view.kind) {
    case 'empty':
      return '(empty)';
    case 'binary':
      return `(binary, ${view.bytes.length} bytes)`;
    case 'json': {
      // Safe to stringify: the value is no deeper than the tree's limit.
      const compact = JSON.stringify(view.value) ?? '';
      return compact.length > max ? `${compact.slice(0, max)}…` : compact;
    }
    case 'deep':
    case 'text':
      return cut(view.text.slice(0, max * 4), max);
    case 'large':
      return view.preview === null ? `(binary, ${view.size} bytes)` : cut(view.preview.slice(0, max * 4), max);
  }
}
