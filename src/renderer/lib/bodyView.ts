/** Decides how to show a body: pretty JSON, plain text or a hex dump, from its content. */
import { decodeUtf8 } from './bytes.js';

export type BodyView =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Uint8Array };

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
    if (parsed.ok) return { kind: 'json', value: parsed.value, text };
  }
  return { kind: 'text', text };
}

/** A short one-line preview of a body, for lists. */
export function previewBody(bytes: Uint8Array, max = 120): string {
  const view = classifyBody(bytes);
  switch (view.kind) {
    case 'empty':
      return '(empty)';
    case 'binary':
      return `(binary, ${bytes.length} bytes)`;
    case 'json': {
      const compact = JSON.stringify(view.value) ?? '';
      return compact.length > max ? `${compact.slice(0, max)}…` : compact;
    }
    case 'text': {
      const line = view.text.replace(/\s+/g, ' ').trim();
      return line.length > max ? `${line.slice(0, max)}…` : line;
    }
  }
}
