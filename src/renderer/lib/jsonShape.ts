/**
 * Walks over parsed JSON without recursion: a plugin's answer can nest 200,000 levels deep
 * (JSON.parse copes; recursive code, JSON.stringify with indentation and React do not).
 */

/** Deepest nesting the JSON tree shows; a deeper value is shown as text, with a note. */
export const MAX_TREE_DEPTH = 100;

/** True when the value nests objects/arrays more than `limit` levels deep (a scalar is depth 0). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Objects, arrays and scalars in the value, counting stops a little past `limit`. */
export function countNodes(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= limit) {
    const v = stack.pop();
    count++;
    if (v !== null && typeof v === 'object') for (const child of Object.values(v)) stack.push(child);
  }
  return count;
}

type Frame = { kind: 'open'; value: unknown; key?: string; indent: string } | { kind: 'text'; text: string };

/**
 * The same text as JSON.stringify(value, null, 2) for a value that came from JSON.parse, built
 * with a stack of its own so that no nesting overflows the call stack. Callers still bound the
 * depth: the indentation alone makes a deep value's text grow with the square of its depth.
 */
export function prettyJson(value: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [{ kind: 'open', value, indent: '' }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (frame.kind === 'text') {
      out.push(frame.text);
      continue;
    }
    const { value: v, key, indent } = frame;
    if (key !== undefined) out.push(`${JSON.stringify(key)}: `);
    if (v === null || typeof v !== 'object') {
      out.push(JSON.stringify(v) ?? 'null');
      continue;
    }
    const isArray = Array.isArray(v);
    const entries: Array<[string | undefined, unknown]> = isArray
      ? v.map((child): [undefined, unknown] => [undefined, child])
      : Object.entries(v as Record<string, unknown>);
    const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) {
      out.push(open + close);
      continue;
    }
    out.push(open);
    const inner = `${indent}  `;
    // Pushed in reverse: the stack gives them back in order.
    stack.push({ kind: 'text', text: `\n${indent}${close}` });
    for (let i = entries.length - 1; i >= 0; i--) {
      const [childKey, child] = entries[i] as [string | undefined, unknown];
      if (i < entries.length - 1) stack.push({ kind: 'text', text: ',' });
      stack.push({ kind: 'open', value: child, indent: inner, ...(childKey === undefined ? {} : { key: childKey }) });
      stack.push({ kind: 'text', text: `\n${inner}` });
    }
  }
  return out.join('');
}

/** A value on one line (extra .pconf keys): JSON.stringify when it is shallow, else a note. */
export function compactJson(value: unknown): string {
  if (nestedDeeperThan(value, MAX_TREE_DEPTH)) return `(nested more than ${MAX_TREE_DEPTH} levels deep)`;
  return JSON.stringify(value) ?? 'null';
}
