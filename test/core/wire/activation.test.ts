/** Reading an Activate body: the leading JSON array, then the activator's raw bytes. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseActivation } from '../../../src/core/wire/index.js';

const body = (s: string | Buffer): Buffer => (typeof s === 'string' ? Buffer.from(s) : s);

describe('parseActivation', () => {
  test('the recorded body: one method and four built-ins', () => {
    expect(parseActivation(body('["main.Do","","","",""]'))).toEqual({
      ok: true,
      methods: ['main.Do'],
      output: Buffer.alloc(0),
    });
  });

  test('trailing bytes that look like JSON, brackets or quotes stay output', () => {
    const parsed = parseActivation(body('["main.Do","a]b","q\\"]",""]]["x"] "tail'));
    expect(parsed).toEqual({
      ok: true,
      methods: ['main.Do', 'a]b', 'q"]'],
      output: Buffer.from(']["x"] "tail'),
    });
  });

  test('Go-escaped and non-ASCII names', () => {
    const parsed = parseActivation(body('["main.\\u003cT\\u003e","main.Façade",""]'));
    expect(parsed).toMatchObject({ ok: true, methods: ['main.<T>', 'main.Façade'] });
  });

  test('refusals say what is wrong', () => {
    const reason = (s: string): string => {
      const parsed = parseActivation(body(s));
      return parsed.ok ? 'accepted' : parsed.reason;
    };
    expect(reason('')).toBe('the body does not start with a JSON array');
    expect(reason('null')).toBe('the body does not start with a JSON array');
    expect(reason('["main.Do",""')).toBe('the JSON array at the start of the body is not complete');
    expect(reason('["main.Do" ""]')).toMatch(/^the array at the start of the body is not valid JSON \(/);
    expect(reason('["main.Do",1]')).toBe(
      'the array at the start of the body holds something other than method names',
    );
  });

  test('any names and any trailing bytes come back apart', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.uint8Array(), (names, trailing) => {
        const parsed = parseActivation(Buffer.concat([Buffer.from(JSON.stringify(names)), trailing]));
        expect(parsed).toEqual({
          ok: true,
          methods: names.filter((n) => n !== ''),
          output: Buffer.from(trailing),
        });
      }),
    );
  });
});
