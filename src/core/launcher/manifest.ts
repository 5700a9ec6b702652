/**
 * Launch manifests: `<NameSpace><Name>.plugin.json` beside the .pconf files says how to start a
 * plugin's process. Read with the same care as a .pconf (no FIFOs, a size limit), validated
 * strictly (an unknown key is most likely a typo), and every problem names the file, the field
 * and, where there is one, the line and column.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { GoPlugError } from '../errors.js';
import { writeFileAtomic } from '../files/atomicWrite.js';
import { scanJson, type JsonMember } from '../pconf/json.js';
import { readRegularFile } from '../files/regularFile.js';
import { displayName, printable, quote } from '../text/safeText.js';
import { positionAt, type TextPosition } from '../text/textPosition.js';
import { decodeText } from '../text/decodeText.js';
import { goFileStem } from '../pluginId.js';
import type { ConfFileInfo, ConfIssue, LaunchManifest, ProblemFile } from '../types.js';
import { manifestSchema } from './manifestSchema.js';

export const MANIFEST_SUFFIX = '.plugin.json';
export const DEFAULT_MAX_MANIFEST_BYTES = 256 * 1024;
const MAX_NESTING = 64;

export function manifestFileName(namespace: string, name: string): string {
  return goFileStem(namespace, name) + MANIFEST_SUFFIX;
}

export function isManifestFile(path: string): boolean {
  const name = basename(path);
  return name.endsWith(MANIFEST_SUFFIX) && name.length > MANIFEST_SUFFIX.length && !name.startsWith('.');
}

/** A manifest as written in a file (relative command and cwd kept as they are). */
export type ManifestInput = z.input<typeof manifestSchema>;

export type ManifestParse = { ok: true; manifest: LaunchManifest } | { ok: false; error: ConfIssue };

/** What is wrong with manifest text: the problem (naming no file), its field, and where it is. */
interface ManifestFault {
  problem: string;
  field?: string;
  at?: TextPosition;
  /** A JSON syntax error: no field to find it by, so even a file's message says where it is. */
  syntax?: true;
}

type ManifestCheck =
  { ok: true; fields: z.output<typeof manifestSchema> } | { ok: false; fault: ManifestFault };

/**
 * Parses a manifest. `path` names the file in messages, and its folder anchors a relative cwd and
 * a command with a "/" in it (a bare command such as `node` is looked up in PATH when spawned).
 */
export function parseManifest(bytes: Buffer, path: string): ManifestParse {
  const checked = checkManifest(bytes);
  if (!checked.ok) return { ok: false, error: fileIssue(displayName(path), checked.fault) };
  const folder = dirname(resolve(path));
  const { cwd, command, ...rest } = checked.fields;
  return {
    ok: true,
    manifest: {
      ...rest,
      command: command.includes('/') ? resolve(folder, command) : command,
      cwd: cwd === undefined ? folder : resolve(folder, cwd),
    },
  };
}

function checkManifest(bytes: Buffer): ManifestCheck {
  const decoded = decodeText(bytes);
  if (decoded === null) return { ok: false, fault: { problem: 'not a text file (binary or not UTF-8)' } };
  const scan = scanJson(decoded.text, MAX_NESTING);
  const at = (offset: number) => positionAt(decoded.text, offset);
  if (!scan.ok) {
    const problem = !scan.endOfInput
      ? `invalid JSON: ${scan.problem}`
      : `unexpected end of JSON (${decoded.text.trim() === '' ? 'the file is empty' : scan.problem})`;
    return { ok: false, fault: { problem, at: at(scan.offset), syntax: true } };
  }
  const root = scan.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    return {
      ok: false,
      fault: { problem: 'a launch manifest must hold a JSON object', at: at(scan.valueOffset) },
    };
  }
  const parsed = manifestSchema.safeParse(root);
  if (!parsed.success) return { ok: false, fault: fieldFault(parsed.error.issues, scan.members, at) };
  return { ok: true, fields: parsed.data };
}

/**
 * The first problem, naming the field; where it is: an unknown field's key, or a known field's
 * value (what has to change). A missing field has no place.
 */
function fieldFault(
  issues: readonly z.core.$ZodIssue[],
  members: readonly JsonMember[],
  at: (offset: number) => TextPosition,
): ManifestFault {
  // A typo'd key also makes its field "required": the typo is what to say.
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const member = members.find((m) => m.key === key);
    const known = Object.keys(manifestSchema.shape);
    const suggestion = closestField(key, known);
    return {
      problem:
        `unknown field ${quote(key)}` +
        (suggestion ? ` (did you mean "${suggestion}"?)` : `; the fields are ${known.join(', ')}`),
      field: printable(key),
      ...(member && { at: at(member.keyOffset) }),
    };
  }
  const field = String(issue.path[0] ?? '');
  const member = [...members].reverse().find((m) => m.key === field);
  const where =
    field +
    issue.path
      .slice(1)
      .map((p) => `[${typeof p === 'number' ? p : quote(String(p))}]`)
      .join('');
  const missing = issue.code === 'invalid_type' && member === undefined;
  // A bad key of env: zod reports the key's own problem one level down.
  const problem =
    issue.code === 'invalid_key' ? `has a bad variable name: ${issue.issues[0]?.message}` : issue.message;
  return {
    problem: missing ? `${field} is required` : `${where} ${problem}`,
    field,
    ...(member && { at: at(member.valueOffset) }),
  };
}

/**
 * A file's problem, as the registry and the settings list show it: the place is in the issue's
 * line and column (the UI shows them), and in the message only for a JSON syntax error.
 */
function fileIssue(file: string, { problem, field, at, syntax }: ManifestFault): ConfIssue {
  const place = syntax && at ? ` ${describePlace(at)}` : '';
  return { message: `${file}${place}: ${problem}`, ...(field !== undefined && { field }), ...at };
}

/** "line 4, column 14" */
function describePlace({ line, column }: TextPosition): string {
  return `line ${line}, column ${column}`;
}

export type ManifestRead =
  | { kind: 'ok'; manifest: LaunchManifest; file: ConfFileInfo; raw: Buffer }
  | { kind: 'problem'; problem: ProblemFile; missing: boolean };

/** Reads and parses a manifest file; never throws for the file's sake. */
export async function readManifestFile(
  path: string,
  maxBytes = DEFAULT_MAX_MANIFEST_BYTES,
): Promise<ManifestRead> {
  const fileName = basename(path);
  const read = await readRegularFile(path, maxBytes, 'a launch manifest');
  if (read.kind === 'problem') {
    return {
      kind: 'problem',
      problem: { path, fileName, kind: read.problem, reason: `${displayName(path)} ${read.reason}` },
      missing: read.missing,
    };
  }
  const parsed = parseManifest(read.raw, path);
  if (parsed.ok) return { kind: 'ok', manifest: parsed.manifest, file: read.file, raw: read.raw };
  const { message, line, column } = parsed.error;
  return {
    kind: 'problem',
    problem: { path, fileName, kind: 'invalid', reason: message, line, column },
    missing: false,
  };
}

/**
 * Checks manifest text and writes it as `<folder>/<NameSpace><Name>.plugin.json`, atomically (a
 * temporary dot-file renamed into place, so a watcher never reads half of it). Returns the path.
 */
export async function saveManifestText(folder: string, text: string): Promise<string> {
  const checked = checkManifest(Buffer.from(text, 'utf8'));
  if (!checked.ok) {
    // No file yet, so the message names none, but it says where in the text the problem is.
    const { problem, at } = checked.fault;
    throw new GoPlugError(
      'CONFIG_INVALID',
      `launch manifest${at ? ` ${describePlace(at)}` : ''}: ${problem}`,
      { hint: 'Fix the manifest and save again; nothing was written.' },
    );
  }
  const path = join(folder, manifestFileName(checked.fields.namespace, checked.fields.name));
  await writeFileAtomic(path, text.endsWith('\n') ? text : text + '\n');
  return path;
}

/** The manifest as JSON text a person edits (relative paths kept as given). */
export function formatManifest(input: ManifestInput): string {
  return JSON.stringify(input, null, 2) + '\n';
}

/** The known field a typo most likely meant: same letters in another case, or at most two edits away. */
function closestField(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { field: string; distance: number } | undefined;
  for (const field of known) {
    const distance = editDistance(lower, field.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { field, distance };
  }
  return best?.field;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
