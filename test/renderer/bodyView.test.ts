import { describe, expect, it } from 'vitest';
import { classifyBody, previewBody } from '../../src/renderer/lib/bodyView.js';
import { base64ToBytes, decodeUtf8 } from '../../src/renderer/lib/bytes.js';
import { toBase64 } from './helpers/base64.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('classifyBody', () => {
  it('recognises JSON, including scalars and a leading BOM', () => {
    expect(classifyBody(utf8('{"a":1}'))).toMatchObject({ kind: 'json', value: { a: 1 } });
    expect(classifyBody(utf8('  [1, 2]\n'))).toMatchObject({ kind: 'json', value: [1, 2] });
    expect(classifyBody(utf8('42'))).toMatchObject({ kind: 'json', value: 42 });
    expect(classifyBody(utf8('\uFEFF{"b":true}'))).toMatchObject({ kind: 'json', value: { b: true } });
  });

  it('treats UTF-8 that is not JSON as text', () => {
    expect(classifyBody(utf8('pong'))).toEqual({ kind: 'text', text: 'pong' });
    expect(classifyBody(utf8('{"broken":'))).toEqual({ kind: 'text', text: '{"broken":' });
    expect(classifyBody(utf8('héllo\tworld\r\n'))).toMatchObject({ kind: 'text' });
  });

  it('treats invalid UTF-8 and control bytes as binary', () => {
    expect(classifyBody(new Uint8Array([0xff, 0xfe, 0x00, 0x01])).kind).toBe('binary');
    expect(classifyBody(utf8('abc\u0000def')).kind).toBe('binary');
  });

  it('reports an empty body as empty', () => {
    expect(classifyBody(new Uint8Array(0))).toEqual({ kind: 'empty' });
  });
});

describe('previewBody', () => {
  it('compacts JSON to one line and cuts long text', () => {
    expect(previewBody(utf8('{\n  "a": [1, 2]\n}'))).toBe('{"a":[1,2]}');
    expect(previewBody(utf8('x'.repeat(200)), 10)).toBe(`${'x'.repeat(10)}…`);
    expect(previewBody(new Uint8Array([0xff, 0x00]))).toBe('(binary, 2 bytes)');
  });
});

describe('base64 helpers', () => {
  it('decode what the service encodes: bytes and text', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 256);
    expect(base64ToBytes(toBase64(bytes))).toEqual(bytes);
    expect(decodeUtf8(base64ToBytes(toBase64('Grüße ✓')))).toBe('Grüße ✓');
    expect(decodeUtf8(new Uint8Array([0xc3]))).toBeNull();
  });
});
