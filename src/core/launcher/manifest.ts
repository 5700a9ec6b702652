/**
 * Launch manifests: `<NameSpace><Name>.plugin.json` beside the .pconf files says how to start a
 * plugin's process. Read with the same care as a .pconf (no FIFOs, a size limit), validated
 * strictly (an unknown key is most likely a typo), and every problem names the file, the field
 * and, where there is one, the line and column.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { GoPlugError } from '../errors.js';
import { scanJson, type JsonMember } from '../pconf/json.js';
import { readRegularFile } from '../pconf/regularFile.js';
import { displayName, printable, quote } from '../pconf/safeText.js';
import { positionAt } from '../pconf/textPosition.js';
import { decodeText } from '../pconf/decodeText.js';
import { goFileStem } from '../pluginId.js';
import type { ConfFileInfo, ConfIssue, LaunchManifest, ProblemFile } from '../types.js';

export const MANIFEST_SUFFIX = '.plugin.json';
export const DEFAULT_MAX_MANIFEST_BYTES = 256 * 1024;
export const DEFAULT_STOP_TIMEOUT_MS = 5_000;
export const DEFAULT_START_TIMEOUT_MS = 15_000;
const MAX_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_NESTING = 64;

export function manifestFileName(namespace: string, name: string): string {
  return goFileStem(namespace, name) + MANIFEST_SUFFIX;
}

export function isManifestFile(path: string): boolean {
  const name = basename(path);
  return name.endsWith(MANIFEST_SUFFIX) && name.length > MANIFEST_SUFFIX.length && !name.startsWith('.');
}

/** Strings go to execve and the environment, where a NUL would cut them short. */
const text = () =>
  z.string({ error: 'must be a string' }).refine((v) => !v.includes('\0'), 'must not contain NUL');
const timeout = z
  .number({ error: 'must be a number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .min(1, 'must be at least 1 ms')
  .max(MAX_TIMEOUT_MS, `must be at most ${MAX_TIMEOUT_MS} ms (10 minutes)`);

const manifestSchema = z
  .object({
    name: text()
      .min(1, 'must not be empty')
      .refine((v) => !v.includes('/'), 'must not contain "/" (it forms the .pconf and socket file names)'),
    namespace: text()
      .refine((v) => !v.includes('/'), 'must not contain "/" (it forms the .pconf and socket file names)')
      .default(''),
    command: text().min(1, 'must not be empty'),
    args: z.array(text(), { error: 'must be an array of strings' }).default([]),
    cwd: text().min(1, 'must not be empty when given').optional(),
    env: z
      .record(text().regex(/^[^=]+$/, 'it must be non-empty and without "="'), text(), {
        error: 'must be an object of string values',
      })
      .default({}),
    autoStart: z.boolean({ error: 'must be true or false' }).default(true),
    restart: z
      .enum(['no', 'on-failure', 'always'], { error: 'must be one of "no", "on-failure", "always"' })
      .default('on-failure'),
    stopTimeoutMs: timeout.default(DEFAULT_STOP_TIMEOUT_MS),
    startTimeoutMs: timeout.default(DEFAULT_START_TIMEOUT_MS),
  })
  .strict();

/** A manifest as written in a file (relative command and cwd kept as they are). */
export type ManifestInput = z.input<typeof manifestSchema>;

export type ManifestParse = { ok: true; manifest: LaunchManifest } | { ok: false; error: ConfIssue };

/**
 * Parses a manifest. `path` names the file in messages, and its folder anchors a relative cwd and
 * a command with a "/" in it (a bare command such as `node` is looked up in PATH when spawned).
 */
export function parseManifest(bytes: Buffer, path: string): ManifestParse {
  const file = displayName(path);
  const decoded = decodeText(bytes);
  if (decoded === null)
    return { ok: false, error: { message: `${file}: not a text file (binary or not UTF-8)` } };
  const scan = scanJson(decoded.text, MAX_NESTING);
  const at = (offset: number) => positionAt(decoded.text, offset);
  if (!scan.ok) {
    const pos = at(scan.offset);
    const where = `line ${pos.line} column ${pos.column}`;
    const message = !scan.endOfInput
      ? `${file}: invalid JSON at ${where}: ${scan.problem}`
      : `${file}: unexpected end of JSON at ${where} (${decoded.text.trim() === '' ? 'the file is empty' : scan.problem})`;
    return { ok: false, error: { message, ...pos } };
  }
  const root = scan.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    return {
      ok: false,
      error: { message: `${file}: a launch manifest must hold a JSON object`, ...at(scan.valueOffset) },
    };
  }
  const parsed = manifestSchema.safeParse(root);
  if (!parsed.success) return { ok: false, error: fieldError(file, parsed.error.issues, scan.members, at) };
  const folder = dirname(resolve(path));
  const { cwd, command, ...rest } = parsed.data;
  return {
    ok: true,
    manifest: {
      ...rest,
      command: command.includes('/') ? resolve(folder, command) : command,
      cwd: cwd === undefined ? folder : resolve(folder, cwd),
    },
  };
}

/** The first problem, naming the field, at the field's key when it is in the file. */
function fieldError(
  file: string,
  issues: readonly z.core.$ZodIssue[],
  members: readonly JsonMember[],
  at: (offset: number) => { line: number; column: number },
): ConfIssue {
  const issue = issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const member = members.find((m) => m.key === key);
    const known = Object.keys(manifestSchema.shape);
    const suggestion = known.find((k) => k.toLowerCase() === key.toLowerCase());
    return {
      message:
        `${file}: unknown field ${quote(key)}` +
        (suggestion ? ` (did you mean "${suggestion}"?)` : `; the fields are ${known.join(', ')}`),
      field: printable(key),
      ...(member && at(member.keyOffset)),
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
    message: missing ? `${file}: ${field} is required` : `${file}: ${where} ${problem}`,
    field,
    ...(member && at(member.valueOffset)),
  };
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
  const probe = parseManifest(Buffer.from(text, 'utf8'), join(folder, 'new' + MANIFEST_SUFFIX));
  if (!probe.ok) {
    throw new GoPlugError(
      'CONFIG_INVALID',
      probe.error.message.replace(/^new\.plugin\.json: /, 'launch manifest: '),
      {
        hint: 'Fix the manifest and save again; nothing was written.',
      },
    );
  }
  const path = join(folder, manifestFileName(probe.manifest.namespace, probe.manifest.name));
  const temp = join(folder, `.${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text.endsWith('\n') ? text : text + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return path;
}

/** The manifest as JSON text a person edits (relative paths kept as given). */
export function formatManifest(input: ManifestInput): string {
  return JSON.stringify(input, null, 2) + '\n';
}
