import { describe, expect, it } from 'vitest';
import { toBase64 } from './helpers/base64.js';
import { classifyBody, describeBody, LARGE_BODY_BYTES, PREVIEW_BYTES, previewBody } from '../../src/renderer/lib/bodyView.js';
import { MAX_TREE_DEPTH } from '../../src/renderer/lib/jsonShape.js';
import { base64ToBytes, decodeUtf8 } from '../../src/renderer/lib/bytes.js';

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
    expect(previewBody(classifyBody(utf8('{\n  "a": [1, 2]\n}')))).toBe('{"a":[1,2]}');
    expect(previewBody(classifyBody(utf8('x'.repeat(200))), 10)).toBe(`${'x'.repeat(10)}…`);
    expect(previewBody(classifyBody(new Uint8Array([0xff, 0x00])))).toBe('(binary, 2 bytes)');
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

describe('hostile bodies', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('shows JSON nested deeper than the tree allows as its text, and previews it without throwing', () => {
    const text = nested(200_000);
    const view = classifyBody(utf8(text));
    expect(view).toEqual({ kind: 'deep', text });
    expect(previewBody(view, 10)).toBe(`${'['.repeat(10)}…`);
    expect(classifyBody(utf8(nested(MAX_TREE_DEPTH))).kind).toBe('json');
  });

  it('takes 200,000 unclosed brackets for text', () => {
    expect(classifyBody(utf8('['.repeat(200_000))).kind).toBe('text');
  });

  it('decodes only the head of a large body, a character cut at its end left out', () => {
    const text = `a${'é'.repeat(LARGE_BODY_BYTES / 2)}`;
    const bytes = utf8(text);
    const view = describeBody(toBase64(bytes), bytes.length);
    expect(view.kind).toBe('large');
    if (view.kind !== 'large') return;
    expect(view.size).toBe(bytes.length);
    expect(view.head).toEqual(bytes.subarray(0, PREVIEW_BYTES));
    // 'a' and 32,767 é fill all but one byte: the first byte of the next é is left out.
    expect(view.preview).toBe(`a${'é'.repeat(PREVIEW_BYTES / 2 - 1)}`);
    expect(previewBody(view, 5)).toBe('aéééé…');
  });

  it('says a large body that is not text is binary', () => {
    const bytes = new Uint8Array(LARGE_BODY_BYTES + 1).fill(0);
    const view = describeBody(toBase64(bytes), bytes.length);
    expect(view).toMatchObject({ kind: 'large', preview: null });
    expect(previewBody(view)).toBe(`(binary, ${LARGE_BODY_BYTES + 1} bytes)`);
  });

  it('decodes a body up to the limit whole', () => {
    const bytes = utf8(`"${'x'.repeat(LARGE_BODY_BYTES - 2)}"`);
    expect(describeBody(toBase64(bytes), bytes.length).kind).toBe('json');
  });
});
