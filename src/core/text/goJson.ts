/**
 * JSON text as Go's encoding/json writes it, so that bytes we produce for Go peers (a .pconf, the
 * `/Activate` body) match the Go plugin's byte for byte: like JSON.stringify, plus `<`, `>`, `&`,
 * U+2028 and U+2029 escaped as `\u00XX`, and a lone surrogate (which has no UTF-8 form) written as
 * the escape `\ufffd`, which is what Go writes for invalid UTF-8. JSON.stringify writes it as
 * `\ud800`, which a Go host decodes to U+FFFD anyway, but the bytes would differ from Go's.
 */

/** A `\uXXXX` escape that JSON.stringify wrote (an odd run of backslashes before the `u`). */
const ESCAPE = /(\\+)u(d[89a-f][0-9a-f]{2})/g;

export function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(ESCAPE, (all, slashes: string) => (slashes.length % 2 === 1 ? `${slashes}ufffd` : all))
    .replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
