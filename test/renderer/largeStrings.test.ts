import { describe, expect, it } from 'vitest';
import { packLongStrings, transferables, unpackLongStrings } from '../../src/renderer/api/largeStrings.js';

describe('long strings across a worker boundary', () => {
  it('travel as bytes and come back where they were, short ones untouched', () => {
    const long = `${'QUJD'.repeat(100_000)}é✓`;
    const answer = { ok: true, value: { ok: true, body: { base64: long, size: 3 }, headers: { a: 'b' }, list: ['x', long] } };
    const packed = packLongStrings(structuredClone(answer));
    expect(packed.strings.map((s) => s.path)).toEqual(
      expect.arrayContaining([
        ['value', 'body', 'base64'],
        ['value', 'list', 1],
      ]),
    );
    expect(transferables(packed)).toHaveLength(2);
    expect(JSON.stringify(packed.value).length).toBeLessThan(200);
    // What the page receives: a structured clone with the buffers transferred.
    const received = structuredClone(packed, { transfer: transferables(packed) });
    expect(unpackLongStrings(received)).toEqual(answer);
  });

  it('leaves answers without long strings as they are', () => {
    expect(packLongStrings({ ok: false, error: { code: 'X' } })).toEqual({ value: { ok: false, error: { code: 'X' } }, strings: [] });
    expect(unpackLongStrings(packLongStrings(null))).toBeNull();
  });
});
