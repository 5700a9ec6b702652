/**
 * Checks an answer against a saved request's expectations. Every difference says what was
 * expected and what came, as short printable text: the answer is plugin output (hostile: markup,
 * control characters, huge), shown in a terminal, a CI report and the Studio.
 */
import type { JsonValue } from '../pconf/json.js';
import { printable } from '../text/safeText.js';
import type { Expectation } from './collectionSchema.js';
import type { Difference } from './runResults.js';

export interface Answer {
  status: number;
  body: Buffer;
  durationMs: number;
}

/** How much of a value a difference shows. */
export const SHOWN_CHARS = 120;

export function checkAnswer(expect: Expectation | undefined, answer: Answer): Difference[] {
  const differences: Difference[] = [];
  const status = expect?.status ?? 200;
  if (answer.status !== status) differences.push({ check: 'status', expected: String(status), actual: String(answer.status) });
  const text = answer.body.toString('utf8');
  const json = lazyJson(text);
  if (expect?.body !== undefined) {
    if (typeof expect.body === 'string') {
      if (text !== expect.body) differences.push({ check: 'body', expected: quoted(expect.body), actual: quoted(text) });
    } else {
      const actual = json();
      const where = actual.ok ? firstDifference(expect.body, actual.value, '$', true) : undefined;
      if (!actual.ok) differences.push({ check: 'body', expected: shortJson(expect.body), actual: notJson(text) });
      else if (where) differences.push({ check: `body ${where.at}`, expected: where.expected, actual: where.actual });
    }
  }
  if (expect?.bodyContains !== undefined && !text.includes(expect.bodyContains)) {
    differences.push({ check: 'bodyContains', expected: quoted(expect.bodyContains), actual: quoted(text) });
  }
  if (expect?.json !== undefined) {
    const actual = json();
    const where = actual.ok ? firstDifference(expect.json, actual.value, '$', false) : undefined;
    if (!actual.ok) differences.push({ check: 'json', expected: shortJson(expect.json), actual: notJson(text) });
    else if (where) differences.push({ check: `json ${where.at}`, expected: where.expected, actual: where.actual });
  }
  if (expect?.maxMs !== undefined && answer.durationMs > expect.maxMs) {
    differences.push({ check: 'maxMs', expected: `at most ${expect.maxMs} ms`, actual: `${Math.round(answer.durationMs)} ms` });
  }
  return differences;
}

/** The body read as JSON once, only when an expectation needs it. */
function lazyJson(text: string): () => { ok: true; value: unknown } | { ok: false } {
  let result: { ok: true; value: unknown } | { ok: false } | undefined;
  return () => {
    if (result === undefined) {
      try {
        result = { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        result = { ok: false };
      }
    }
    return result;
  };
}

function notJson(text: string): string {
  return `not JSON: ${quoted(text)}`;
}

interface Mismatch {
  at: string;
  expected: string;
  actual: string;
}

/**
 * The first place where `actual` is not `expected`: with `subset`, an object may have more
 * members than expected (arrays always match item by item, with the same length). Recursion
 * follows `expected`, which comes from the collection file (nesting-limited when read).
 */
function firstDifference(expected: JsonValue, actual: unknown, at: string, exact: boolean): Mismatch | undefined {
  const differ = (): Mismatch => ({ at, expected: shortJson(expected), actual: shortJson(actual) });
  if (expected === null || typeof expected !== 'object') return expected === actual ? undefined : differ();
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return differ();
    for (let i = 0; i < expected.length; i++) {
      const found = firstDifference(expected[i]!, actual[i], `${at}[${i}]`, exact);
      if (found) return found;
    }
    return undefined;
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return differ();
  const members = actual as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected)) {
    const path = `${at}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
    if (!Object.hasOwn(members, key)) return { at: printable(path), expected: shortJson(value), actual: 'missing' };
    const found = firstDifference(value, members[key], path, exact);
    if (found) return { ...found, at: printable(found.at) };
  }
  if (exact) {
    const extra = Object.keys(members).find((key) => !Object.hasOwn(expected, key));
    if (extra !== undefined) return { at: printable(at), expected: `no member ${quoted(extra)}`, actual: shortJson(actual) };
  }
  return undefined;
}

/** A JSON value in at most SHOWN_CHARS printable characters. */
export function shortJson(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Too deep to write out (a hostile answer): say what it is.
    text = Array.isArray(value) ? '[…]' : '{…}';
  }
  return shortText(text);
}

/** Text in at most SHOWN_CHARS printable characters (hidden ones escaped after the cut). */
export function shortText(text: string): string {
  return printable(cut(text));
}

/** Text as a JSON string, cut as shortText cuts it: `"HI"`, `"a long…"`. */
function quoted(text: string): string {
  return printable(JSON.stringify(cut(text)));
}

/** The first SHOWN_CHARS characters, without spreading a body of megabytes into an array. */
function cut(text: string): string {
  const head = [...text.slice(0, SHOWN_CHARS * 2)].slice(0, SHOWN_CHARS).join('');
  return head.length < text.length ? `${head}…` : text;
}
