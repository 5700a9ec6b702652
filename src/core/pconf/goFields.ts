/**
 * Which PluginConf field a JSON key fills, decided the way Go's encoding/json decodes into the Go
 * struct (whose fields carry no json tags): an exact match of the Go field name first, else a
 * case-insensitive match. Go folds with ToUpper(ToLower(r)) per character, so besides ASCII case
 * "ſock" (long s) and "SocK" (Kelvin sign) fill Sock too.
 *
 * Go applies the keys in file order, each overwriting the field, so when two keys fill the same
 * field the LAST one wins. We do the same and hand back the overridden ones so the user is told.
 */
import type { ConfField } from '../types.js';
import { setOwn, type JsonMember, type JsonValue } from './json.js';

/** The Go struct's fields, in the order the Go plugin writes them. */
export const CONF_FIELDS: readonly ConfField[] = ['Name', 'NameSpace', 'Url', 'Sock', 'LazyLoad'];

/** One character mapped to one character, or left alone (Go uses simple, 1:1 case mappings). */
function oneToOne(mapped: string, original: string): string {
  return [...mapped].length === 1 ? mapped : original;
}

function foldName(name: string): string {
  let out = '';
  for (const ch of name) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch.toUpperCase();
    } else {
      const lower = oneToOne(ch.toLowerCase(), ch);
      out += oneToOne(lower.toUpperCase(), lower);
    }
  }
  return out;
}

const FOLDED_FIELDS = new Map(CONF_FIELDS.map((field) => [foldName(field), field]));

export function goFieldFor(key: string): ConfField | undefined {
  return CONF_FIELDS.find((field) => field === key) ?? FOLDED_FIELDS.get(foldName(key));
}

export interface FieldAssignment {
  /** The member that sets each field, for the fields the file sets. */
  fields: Map<ConfField, JsonMember>;
  /** Members that were overwritten by a later key for the same field. */
  overridden: { field: ConfField; earlier: JsonMember; later: JsonMember }[];
  /** Keys that fill no field, with their values unchanged (a repeated key: the last value). */
  extras: Record<string, JsonValue>;
}

export function assignFields(members: readonly JsonMember[]): FieldAssignment {
  const fields = new Map<ConfField, JsonMember>();
  const overridden: FieldAssignment['overridden'] = [];
  const extras: Record<string, JsonValue> = {};
  for (const member of members) {
    const field = goFieldFor(member.key);
    if (field === undefined) {
      setOwn(extras, member.key, member.value);
      continue;
    }
    const earlier = fields.get(field);
    if (earlier) overridden.push({ field, earlier, later: member });
    fields.set(field, member);
  }
  return { fields, overridden, extras };
}
