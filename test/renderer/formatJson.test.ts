import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJson, MAX_FORMATTED_CHARS } from '../../src/renderer/lib/formatJson.js';

describe('formatJson', () => {
  it('lays out a Go-written .pconf one field per line', () => {
    const go =
      '{"Name":"echo","NameSpace":"demo","Url":"unix://demoecho","Sock":"/tmp/p/demoecho.sock","LazyLoad":false}';
    expect(formatJson(go)).toBe(
      '{\n  "Name": "echo",\n  "NameSpace": "demo",\n  "Url": "unix://demoecho",\n  "Sock": "/tmp/p/demoecho.sock",\n  "LazyLoad": false\n}',
    );
  });

  it('keeps keys, strings and numbers exactly as written, duplicates and escapes included', () => {
    const text = '{"a":1.000000000000000000001,"a":"x\\"y, {z}: [w]","\\u003c":[1, 2,{}],"e":[ ]}';
    expect(formatJson(text)).toBe(
      '{\n  "a": 1.000000000000000000001,\n  "a": "x\\"y, {z}: [w]",\n  "\\u003c": [\n    1,\n    2,\n    {}\n  ],\n  "e": []\n}',
    );
  });

  it('gives the same value as the input for any JSON value', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        expect(JSON.parse(formatJson(json))).toEqual(JSON.parse(json));
      }),
    );
  });

  it('lays out a broken text as far as it goes, without joining separate words', () => {
    expect(formatJson('{"Name": "x",\n "Sock" "/s", "LazyLoad": tru e')).toBe(
      '{\n  "Name": "x",\n  "Sock" "/s",\n  "LazyLoad": tru e',
    );
    expect(formatJson('}}]{"a')).toBe('\n}\n}\n]{\n  "a');
  });

  it('stays bounded for a hostile nesting', () => {
    const deep = '['.repeat(60_000) + ']'.repeat(60_000);
    const shown = formatJson(deep);
    expect(shown.length).toBeLessThan(MAX_FORMATTED_CHARS + 100);
    expect(shown).toMatch(/\(cut: the formatted text is too long to show\)$/);
    expect(formatJson('['.repeat(40)).split('\n').at(-1)).toBe(' '.repeat(32));
  });
});
