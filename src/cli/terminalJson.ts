/**
 * JSON for a terminal. JSON.stringify escapes C0 controls inside strings but leaves DEL, the C1
 * controls (U+009B is CSI to many terminals), the line separators and the bidi and other format
 * characters as they are; plugin text in `--json` output must not reach the terminal raw either.
 * Inside strings `\uXXXX` means the same character, so the output is the same JSON value; the
 * line feeds and spaces of the layout are not hidden characters of any string and stay.
 */
import { escapeUnits, hiddenChars } from '../core/text/hiddenChars.js';

const LAYOUT = new Set(['\n', '\r', '\t']);

export function terminalJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(hiddenChars(), (c) => (LAYOUT.has(c) ? c : escapeUnits(c)));
}
