/**
 * The body of `/Activate`, byte for byte as the Go plugin builds it: a JSON array of every
 * registry entry's name, user methods first, then one "" per built-in (the Go plugin lists its
 * built-ins without a name; hosts must skip them), then the activator's bytes, raw.
 */
import { BUILT_INS } from '../core/builtinMethods.js';
import { goJson } from '../core/text/goJson.js';

export function activationBody(methodNames: readonly string[], activatorOutput: Buffer): Buffer {
  const names = [...methodNames, ...BUILT_INS.map(() => '')];
  return Buffer.concat([Buffer.from(goJson(names), 'utf8'), activatorOutput]);
}
