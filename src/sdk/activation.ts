/**
 * The body of `/Activate`, byte for byte as the Go plugin builds it: a JSON array of every
 * registry entry's name, user methods first, then one "" per built-in (the Go plugin lists its
 * built-ins without a name; hosts must skip them), then the activator's bytes, raw.
 */
import { BUILT_INS } from '../core/builtinMethods.js';

export function activationBody(methodNames: readonly string[], activatorOutput: Buffer): Buffer {
  const names = [...methodNames, ...BUILT_INS.map(() => '')];
  return Buffer.concat([Buffer.from(goJson(names), 'utf8'), activatorOutput]);
}

/** JSON as Go's encoding/json writes it: like JSON.stringify, plus <, >, &, U+2028, U+2029 escaped. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
