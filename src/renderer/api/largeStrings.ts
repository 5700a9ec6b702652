/**
 * A worker's answer crosses to the page by structured clone, and cloning a 40 MB string (a
 * 30 MiB body as base64) took the page about 200 ms. Long strings travel as bytes instead, in
 * transferred buffers (no copy), and are made strings again with one TextDecoder call (about
 * 100 ms for 40 MB, half the clone's time).
 */

/** Strings longer than this (in characters) travel as bytes. */
const LONG_CHARS = 256 * 1024;

type Path = Array<string | number>;

export interface PackedValue {
  value: unknown;
  /** Where each long string was, and its UTF-8 bytes. */
  strings: Array<{ path: Path; bytes: Uint8Array<ArrayBuffer> }>;
}

/** Takes the long strings out of `value` (changed in place: it is the worker's own copy). */
export function packLongStrings(value: unknown): PackedValue {
  const strings: PackedValue['strings'] = [];
  const encoder = new TextEncoder();
  // API answers are shallow objects; a stack all the same, as for any parsed JSON.
  const stack: Array<{ holder: Record<string | number, unknown>; path: Path }> = [];
  if (value !== null && typeof value === 'object') stack.push({ holder: value as Record<string, unknown>, path: [] });
  while (stack.length > 0) {
    const { holder, path } = stack.pop() as (typeof stack)[number];
    for (const [key, child] of Object.entries(holder)) {
      const at = [...path, Array.isArray(holder) ? Number(key) : key];
      if (typeof child === 'string' && child.length > LONG_CHARS) {
        strings.push({ path: at, bytes: encoder.encode(child) as Uint8Array<ArrayBuffer> });
        holder[key] = '';
      } else if (child !== null && typeof child === 'object') {
        stack.push({ holder: child as Record<string, unknown>, path: at });
      }
    }
  }
  return { value, strings };
}

/** The buffers to transfer with a packed value. */
export function transferables(packed: PackedValue): ArrayBuffer[] {
  return packed.strings.map((s) => s.bytes.buffer);
}

/**
 * Puts the long strings back, each decoded in one call: that makes a flat string (decoding in
 * slices made a rope, and its first use flattened it, which took longer than the decoding).
 */
export function unpackLongStrings({ value, strings }: PackedValue): unknown {
  const decoder = new TextDecoder();
  for (const { path, bytes } of strings) {
    let holder = value as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
    holder[path.at(-1) as string | number] = decoder.decode(bytes);
  }
  return value;
}
