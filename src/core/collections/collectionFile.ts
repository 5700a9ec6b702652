/**
 * Collection files: read without trusting them (no FIFOs, a size limit), parsed strictly, and
 * every problem named as `file:line:column: where: what`, the form editors and CI logs link.
 */
import { z } from 'zod';
import { GoPlugError } from '../errors.js';
import { writeFileAtomic } from '../files/atomicWrite.js';
import { readRegularFile } from '../files/regularFile.js';
import { placeKey, scanJson, type JsonPlace } from '../pconf/json.js';
import { decodeText } from '../text/decodeText.js';
import { printable } from '../text/safeText.js';
import { positionAt } from '../text/textPosition.js';
import {
  collectionRequestSchema,
  collectionSchema,
  expectationSchema,
  type Collection,
} from './collectionSchema.js';

export const MAX_COLLECTION_BYTES = 4 * 1024 * 1024;
const MAX_NESTING = 64;

/** A problem in a collection: the place is 1-based; `message` names the file and the place. */
export interface CollectionIssue {
  file: string;
  line: number;
  column: number;
  /** The field, e.g. `requests[0].expect.status`; empty for the whole file. */
  field: string;
  /** `file:line:column: field: problem`. */
  message: string;
}

export type CollectionParse = { ok: true; collection: Collection } | { ok: false; issue: CollectionIssue };

/** Parses collection text; `file` names it in messages (as given, made printable). */
export function parseCollection(text: string, file: string): CollectionParse {
  const scan = scanJson(text, MAX_NESTING, { places: true });
  const fail = (offset: number, field: string, problem: string): CollectionParse => {
    const { line, column } = positionAt(text, offset);
    const where = `${printable(file)}:${line}:${column}`;
    return { ok: false, issue: { file, line, column, field, message: `${where}: ${field ? `${field}: ` : ''}${problem}` } };
  };
  if (!scan.ok) {
    const problem = scan.endOfInput && text.trim() === '' ? 'the file is empty' : scan.problem;
    return fail(scan.offset, '', `invalid JSON: ${problem}`);
  }
  // Other tools reading the file (editors, jq, CI) take only strict JSON.
  const comma = scan.trailingCommas[0];
  if (comma !== undefined) return fail(comma, '', 'invalid JSON: a comma before a closing bracket');
  const parsed = collectionSchema.safeParse(scan.value);
  if (parsed.success) return { ok: true, collection: parsed.data };
  const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0]!;
  const places = scan.places!;
  const { path, problem, onKey } = describeIssue(issue, places);
  const place = closestPlace(places, path);
  return fail(onKey ? (place.keyOffset ?? place.valueOffset) : place.valueOffset, fieldName(path), problem);
}

function describeIssue(
  issue: z.core.$ZodIssue,
  places: Map<string, JsonPlace>,
): { path: PropertyKey[]; problem: string; onKey: boolean } {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    return { path: [...issue.path, key], problem: `unknown field (the fields here are ${knownFields(issue.path)})`, onKey: true };
  }
  const absent = !places.has(placeKey(issue.path as (string | number)[]));
  if (issue.code === 'invalid_type' && absent) return { path: issue.path, problem: 'is required', onKey: false };
  return { path: issue.path, problem: issue.message, onKey: false };
}

function knownFields(path: readonly PropertyKey[]): string {
  const schema =
    path[0] !== 'requests' ? collectionSchema : path.length > 2 ? expectationSchema : collectionRequestSchema;
  return Object.keys(schema.shape).join(', ');
}

/** The place of the path, or of its nearest parent that is in the file (a missing field's object). */
function closestPlace(places: Map<string, JsonPlace>, path: readonly PropertyKey[]): JsonPlace {
  for (let n = path.length; n >= 0; n--) {
    const place = places.get(placeKey(path.slice(0, n) as (string | number)[]));
    if (place) return place;
  }
  return { valueOffset: 0 };
}

/** `requests[0].expect.status` */
export function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${printable(String(p))}`))
    .join('');
}

export type CollectionRead = { ok: true; collection: Collection } | { ok: false; message: string };

/** Reads and parses a collection file; never throws for the file's sake. */
export async function readCollectionFile(path: string, shownAs = path): Promise<CollectionRead> {
  const read = await readRegularFile(path, MAX_COLLECTION_BYTES, 'a collection');
  if (read.kind === 'problem') return { ok: false, message: `${printable(shownAs)} ${read.reason}` };
  const decoded = decodeText(read.raw);
  if (decoded === null) return { ok: false, message: `${printable(shownAs)}:1:1: not a text file (binary or not UTF-8)` };
  const parsed = parseCollection(decoded.text, shownAs);
  return parsed.ok ? parsed : { ok: false, message: parsed.issue.message };
}

/** The collection as the JSON text people keep in their repository: two-space indent, a final newline. */
export function formatCollection(collection: Collection): string {
  return JSON.stringify(collection, null, 2) + '\n';
}

/** Checks the collection and writes it atomically (a watcher or an editor never sees half of it). */
export async function writeCollectionFile(path: string, collection: unknown): Promise<Collection> {
  const parsed = collectionSchema.safeParse(collection);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GoPlugError('CONFIG_INVALID', `collection ${fieldName(issue.path) || 'file'}: ${issue.message}`, {
      hint: 'Fix the collection and save again; nothing was written.',
    });
  }
  // 0644: a collection is kept in a repository and read by CI, like the plugin's sources.
  await writeFileAtomic(path, formatCollection(parsed.data), { mode: 0o644 });
  return parsed.data;
}
