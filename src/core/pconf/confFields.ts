/**
 * The top-level members of a .pconf object to a PluginConf: Go's key matching, the field types,
 * the required fields, Go's defaults, and the checks on Url and Sock. Everything wrong with the
 * fields is reported in ONE error, so a user fixes the file in one go.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ConfField, ConfIssue, PconfParse } from '../types.js';
import { assignFields, CONF_FIELDS } from './goFields.js';
import type { JsonMember, JsonValue } from './json.js';
import { quote } from '../text/safeText.js';
import { MAX_QUOTED_PATH, socketPathProblem } from '../socketPath.js';
import type { TextPosition } from '../text/textPosition.js';

/** What the syntax stage hands over: the file for messages, and where an offset is. */
export interface FieldsContext {
  /** The file name, safe to print. */
  file: string;
  confPath: string;
  at: (offset: number) => TextPosition;
  /** Warnings so far; more are added. */
  warnings: ConfIssue[];
}

const FIELD_TYPES: Record<ConfField, 'string' | 'boolean'> = {
  Name: 'string',
  NameSpace: 'string',
  Url: 'string',
  Sock: 'string',
  LazyLoad: 'boolean',
};

interface FieldProblem {
  field: ConfField;
  member?: JsonMember;
}

export function kindOf(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function found(value: JsonValue): string {
  return typeof value === 'string' ? `string ${quote(value)}` : kindOf(value);
}

export function confFromMembers(members: readonly JsonMember[], ctx: FieldsContext): PconfParse {
  const { file, at, warnings } = ctx;
  const fail = (error: ConfIssue): PconfParse => ({ ok: false, error, warnings, incomplete: false });

  const { fields, overridden, extras } = assignFields(members);
  for (const { field, earlier, later } of overridden) {
    const first = at(earlier.keyOffset);
    const last = at(later.keyOffset);
    warnings.push({
      message:
        `${file}: ${field} is set twice (${quote(earlier.key)} at ${first.line}:${first.column} and ` +
        `${quote(later.key)} at ${last.line}:${last.column}); the last one is used, as Go's decoder does`,
      field,
      ...last,
    });
  }

  // Go leaves a field untouched for JSON null, so null counts as "not set".
  const given = (field: ConfField): JsonMember | undefined => {
    const member = fields.get(field);
    return member && member.value !== null ? member : undefined;
  };

  const wrongTypes = CONF_FIELDS.flatMap((field): Required<FieldProblem>[] => {
    const member = given(field);
    return member && typeof member.value !== FIELD_TYPES[field] ? [{ field, member }] : [];
  });
  const missing = (['Name', 'Sock'] as const).flatMap((field): (FieldProblem & { text: string })[] => {
    const member = given(field);
    if (member === undefined) return [{ field, text: `${field} is required` }];
    return member.value === '' ? [{ field, text: `${field} must not be empty`, member }] : [];
  });
  const firstProblem: FieldProblem | undefined = wrongTypes[0] ?? missing[0];
  if (firstProblem) {
    const parts = missing.map((problem) => problem.text);
    if (wrongTypes.length > 0) {
      const each = wrongTypes.map(
        ({ field, member }) => `${field} must be a ${FIELD_TYPES[field]} (found ${found(member.value)})`,
      );
      parts.unshift(`wrong types: ${each.join(', ')}`);
    }
    const pos = firstProblem.member ? at(firstProblem.member.valueOffset) : {};
    return fail({ message: `${file}: ${parts.join('; ')}`, field: firstProblem.field, ...pos });
  }

  // The types are right from here on.
  const stringOf = (field: ConfField): string | undefined => given(field)?.value as string | undefined;
  const name = stringOf('Name') ?? '';
  const namespace = stringOf('NameSpace') ?? '';
  const urlMember = given('Url');
  // An empty Url gets the default, as a missing one does.
  const url = stringOf('Url') || undefined;
  const defaulted = CONF_FIELDS.filter((field) =>
    field === 'Url' ? url === undefined : given(field) === undefined,
  );
  if (urlMember) {
    const urlWarning = url === undefined ? 'Url is empty, so the default is used' : checkUrl(url);
    if (urlWarning)
      warnings.push({ message: `${file}: ${urlWarning}`, field: 'Url', ...at(urlMember.valueOffset) });
  }

  const sockMember = given('Sock') as JsonMember;
  const sockPos = at(sockMember.valueOffset);
  let sock = sockMember.value as string;
  if (!isAbsolute(sock)) {
    const resolved = resolve(dirname(ctx.confPath), sock);
    warnings.push({
      message:
        `${file}: Sock ${quote(sock)} is relative; resolved against the .pconf's folder to ${quote(resolved, 200)} ` +
        `(the Go host would resolve it against its own working directory)`,
      field: 'Sock',
      ...sockPos,
    });
    sock = resolved;
  }
  const sockProblem = socketPathProblem(sock);
  if (sockProblem) return fail({ message: `${file}: Sock ${quote(sock, MAX_QUOTED_PATH)}: ${sockProblem}`, field: 'Sock', ...sockPos });

  const lazyLoad = given('LazyLoad')?.value === true;
  return {
    ok: true,
    conf: { name, namespace, url: url ?? `unix://${namespace}${name}`, sock, lazyLoad, defaulted, extras },
    warnings,
  };
}

/** A warning for a Url the host can use only partly, or null. */
function checkUrl(url: string): string | null {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/.exec(url);
  if (!match) return `Url ${quote(url)} is not of the form unix://<host>; it is kept as given`;
  const [, scheme = '', host = ''] = match;
  if (scheme.toLowerCase() !== 'unix')
    return `Url ${quote(url)} has the scheme "${scheme}", not "unix"; it is kept as given`;
  if (host === '') return `Url ${quote(url)} has no host part, which requests need as their Host header`;
  return null;
}
