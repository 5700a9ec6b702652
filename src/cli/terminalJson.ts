/**
 * JSON for a terminal. JSON.stringify escapes C0 controls but leaves DEL, the C1 controls (U+009B
 * is CSI to many terminals), the line separators and the bidi controls as they are; plugin text
 * in `--json` output must not reach the terminal raw either. They can only stand inside strings,
 * where `\uXXXX` means the same character, so the output is the same JSON value.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function terminalJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    UNSAFE_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
