/**
 * What a method handler returns, or what `notify` is given, as the bytes on the wire:
 * bytes and strings as they are, `undefined` as nothing, anything else as JSON.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/**
 * Bytes, text, nothing, or a value for JSON. `object` rather than only JsonValue so that values
 * typed by interfaces (which lack an index signature) are accepted; toBytes checks at run time.
 */
export type Payload = Uint8Array | string | undefined | JsonValue | object;

/** Throws a TypeError naming `what` when the value has no JSON form (function, cycle, BigInt). */
export function toBytes(value: unknown, what: string): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value === undefined) return Buffer.alloc(0);
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (err) {
    throw new TypeError(`${what} cannot be sent as JSON: ${(err as Error).message}`, { cause: err });
  }
  if (json === undefined) throw new TypeError(`${what} cannot be sent as JSON: it is a ${typeof value}`);
  return Buffer.from(json, 'utf8');
}
