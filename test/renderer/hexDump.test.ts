import { describe, expect, it } from 'vitest';
import { hexDump } from '../../src/renderer/lib/hexDump.js';

describe('hexDump', () => {
  it('prints offset, hex bytes and printable ASCII like hexdump -C', () => {
    const bytes = new TextEncoder().encode('Hello, GoPlug!\n\u0000AB');
    const dump = hexDump(bytes);
    expect(dump.text.split('\n')).toEqual([
      '00000000  48 65 6c 6c 6f 2c 20 47  6f 50 6c 75 67 21 0a 00  |Hello, GoPlug!..|',
      '00000010  41 42                                             |AB|',
    ]);
    expect(dump.shown).toBe(18);
    expect(dump.total).toBe(18);
  });

  it('stops at the limit and says how much it showed', () => {
    const dump = hexDump(new Uint8Array(100), 32);
    expect(dump.text.split('\n')).toHaveLength(2);
    expect(dump.shown).toBe(32);
    expect(dump.total).toBe(100);
  });

  it('prints nothing for no bytes', () => {
    expect(hexDump(new Uint8Array(0)).text).toBe('');
  });
});
