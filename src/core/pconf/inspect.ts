/**
 * Everything about one .pconf in one place, for `goplug inspect` and the Studio's inspector: the
 * file's facts, its text, the parse (fields, defaults, extras, warnings, the error with line and
 * column), why it was refused if it was, and the state of the socket it names.
 */
import { basename } from 'node:path';
import type { ConfIssue, PconfInspection, PluginConf } from '../types.js';
import { formatPluginId } from '../pluginId.js';
import { decodeText } from '../text/decodeText.js';
import { octalMode } from '../files/fileType.js';
import { CONF_FIELDS } from './goFields.js';
import { parsePconf } from './parse.js';
import { readPconfFile } from './read.js';
import { printable, quote } from '../text/safeText.js';
import { formatBytes } from '../text/units.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, probeSocket } from './socketStatus.js';

/** The inspector shows at most this many characters of the file. */
export const MAX_RAW_CHARS = 64 * 1024;

export interface InspectOptions {
  /** Deadline for the test connect to the socket, ms. Default 1000. */
  connectTimeoutMs?: number;
}

function rawText(bytes: Buffer | undefined): Pick<PconfInspection, 'raw' | 'rawTruncated'> {
  const decoded = bytes && decodeText(bytes);
  if (!decoded) return { raw: null, rawTruncated: false };
  const { text } = decoded;
  if (text.length <= MAX_RAW_CHARS) return { raw: text, rawTruncated: false };
  // Do not cut a surrogate pair in half.
  const high = text.charCodeAt(MAX_RAW_CHARS - 1);
  const end = high >= 0xd800 && high <= 0xdbff ? MAX_RAW_CHARS - 1 : MAX_RAW_CHARS;
  return { raw: text.slice(0, end), rawTruncated: true };
}

export async function inspectPconf(path: string, opts: InspectOptions = {}): Promise<PconfInspection> {
  const read = await readPconfFile(path);
  const base = { path, fileName: basename(path), file: read.file, ...rawText(read.raw) };
  if (read.kind === 'ok') {
    const socket = await probeSocket(read.conf.sock, opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    return { ...base, result: { ok: true, conf: read.conf, warnings: read.warnings }, socket };
  }
  // Parsed again for the warnings, which a ProblemFile does not carry.
  const result = read.raw ? parsePconf(read.raw, path) : null;
  return { ...base, result, problem: read.problem, socket: null };
}

// ---------- text for the CLI ----------

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
}

function issueLine(issue: ConfIssue): string {
  const place = issue.line === undefined ? '' : `${issue.line}:${issue.column ?? 1}  `;
  return `  ${place}${printable(issue.message)}`;
}

function fieldRows(conf: PluginConf): [string, string][] {
  const values: Record<(typeof CONF_FIELDS)[number], string> = {
    Name: quote(conf.name, 200),
    NameSpace: quote(conf.namespace, 200),
    Url: quote(conf.url, 200),
    Sock: quote(conf.sock, 200),
    LazyLoad: String(conf.lazyLoad),
  };
  return CONF_FIELDS.map((field) => [
    field,
    values[field] + (conf.defaulted.includes(field) ? '  (default)' : ''),
  ]);
}

function extrasRows(extras: Record<string, unknown>): [string, string][] {
  return Object.entries(extras).map(([key, value]) => {
    const json = JSON.stringify(value) ?? String(value);
    const shown = json.length > 200 ? `${json.slice(0, 200)}…` : json;
    return [printable(key), printable(shown)];
  });
}

/** A human-readable, multi-line report of an inspection; all file-controlled text is escaped. */
export function formatInspection(i: PconfInspection): string {
  const out: string[] = [printable(i.path)];
  const result = i.result;
  if (result?.ok) {
    out.push(
      `  valid .pconf for plugin ${quote(formatPluginId(result.conf.namespace, result.conf.name), 200)}`,
    );
  } else if (i.problem) {
    out.push(`  ${i.problem.kind === 'invalid' ? 'invalid .pconf' : `not read (${i.problem.kind})`}`);
  }

  if (result?.ok) {
    out.push('fields:', ...table(fieldRows(result.conf)));
    const extras = extrasRows(result.conf.extras);
    if (extras.length > 0) out.push('extras (unknown keys, kept):', ...table(extras));
  }
  if (result && result.warnings.length > 0) out.push('warnings:', ...result.warnings.map(issueLine));
  if (result && !result.ok) {
    out.push('error:', issueLine(result.error));
    if (result.incomplete)
      out.push('  (empty or unfinished: maybe still being written; the registry re-reads it)');
  } else if (i.problem && !result) {
    out.push('error:', issueLine({ message: i.problem.reason }));
  }

  if (i.file) {
    out.push(
      'file:',
      ...table([
        ['size', formatBytes(i.file.size, { exact: true })],
        ['mode', octalMode(i.file.mode)],
        ['owner uid', String(i.file.uid)],
        ['modified', new Date(i.file.mtimeMs).toISOString()],
      ]),
    );
    if (i.rawTruncated) out.push(`  (the text shown is cut to ${MAX_RAW_CHARS} characters)`);
  }

  const s = i.socket;
  if (s) {
    const rows: [string, string][] = [
      ['path', printable(s.path)],
      ['exists', s.exists ? 'yes' : 'no'],
    ];
    if (s.exists) rows.push(['is a socket', s.isSocket ? 'yes' : 'no']);
    if (s.mode !== undefined) rows.push(['mode', s.mode]);
    if (s.uid !== undefined)
      rows.push([
        'owner',
        s.owner === String(s.uid) ? `uid ${s.uid}` : `${printable(s.owner ?? '')} (uid ${s.uid})`,
      ]);
    rows.push(['reachable', s.reachable === null ? 'not tried' : s.reachable ? 'yes' : 'no']);
    if (s.error) rows.push(['why', printable(s.error)]);
    out.push('socket:', ...table(rows));
  }
  return out.join('\n');
}
