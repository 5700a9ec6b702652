/**
 * Bytes of a .pconf to a PluginConf with Go's defaults, or one clear error. This is the syntax
 * stage (text, JSON, an object); confFields.ts does the fields. It accepts what the Go host accepts,
 * tolerates what real files contain (a BOM, trailing commas) with a warning, and never throws:
 * every message names the file and the problem, with the line and column when there is a place.
 */
import type { ConfIssue, PconfParse } from '../types.js';
import { confFromMembers, kindOf } from './confFields.js';
import { decodeText } from '../text/decodeText.js';
import { scanJson } from './json.js';
import { displayName } from '../text/safeText.js';
import { positionAt } from '../text/textPosition.js';

/** Far deeper than any .pconf needs, shallow enough for every later JSON.stringify or clone. */
export const MAX_PCONF_NESTING = 1000;

/** Go rejects these files; we accept them, so the user should know. */
const GO_REJECTS = 'the Go host would reject this file';

/** Parses a .pconf. `confPath` names the file in messages and anchors a relative Sock. */
export function parsePconf(bytes: Buffer, confPath: string): PconfParse {
  const file = displayName(confPath);
  const warnings: ConfIssue[] = [];
  const fail = (error: ConfIssue, incomplete = false): PconfParse => ({
    ok: false,
    error,
    warnings,
    incomplete,
  });

  const decoded = decodeText(bytes);
  if (decoded === null) return fail({ message: `${file}: not a text file (binary or not UTF-8)` });
  const { text } = decoded;
  const at = (offset: number) => positionAt(text, offset);
  if (decoded.bom) {
    warnings.push({
      message: `${file}: a UTF-8 byte order mark at the start was skipped (${GO_REJECTS})`,
      line: 1,
      column: 1,
    });
  }

  const scan = scanJson(text, MAX_PCONF_NESTING);
  if (!scan.ok) {
    const pos = at(scan.offset);
    const where = `line ${pos.line} column ${pos.column}`;
    if (scan.endOfInput) {
      const why = text.trim() === '' ? 'the file is empty' : scan.problem;
      return fail({ message: `${file}: unexpected end of JSON at ${where} (${why})`, ...pos }, true);
    }
    return fail({ message: `${file}: invalid JSON at ${where}: ${scan.problem}`, ...pos });
  }
  for (const comma of scan.trailingCommas) {
    const pos = at(comma);
    warnings.push({
      message: `${file}: trailing comma at line ${pos.line} column ${pos.column} tolerated (${GO_REJECTS})`,
      ...pos,
    });
  }
  const root = scan.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    const kind = kindOf(root);
    const article = kind === 'null' ? '' : /^[aeiou]/.test(kind) ? 'an ' : 'a ';
    return fail({
      message: `${file}: a .pconf must hold a JSON object, found ${article}${kind}`,
      ...at(scan.valueOffset),
    });
  }
  return confFromMembers(scan.members, { file, confPath, at, warnings });
}
