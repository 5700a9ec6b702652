import { describe, expect, it } from 'vitest';
import { visibleParts, visibleText } from '../../src/renderer/lib/visibleText.js';

describe('visibleText', () => {
  it('shows a bidi override as its code, so a reversed name cannot pass for another', () => {
    expect(visibleText('\u202Eohce')).toBe('⟨U+202E⟩ohce');
    expect(visibleText('\u202Eohce')).not.toBe('echo');
  });

  it('marks controls, bidi marks and isolates, separators and zero-width characters', () => {
    const hidden = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u061c', '\u200b', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202d', '\u2066', '\u2069', '\ufeff'];
    for (const char of hidden) {
      const code = char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      expect(visibleText(`a${char}b`)).toBe(`a⟨U+${code}⟩b`);
    }
  });

  it('leaves ordinary text alone, other scripts and emoji included', () => {
    for (const text of ['demo/echo', 'Grüße', 'שלום', 'مرحبا', '日本語', '🙂 ok', 'a b\u00a0c']) expect(visibleText(text)).toBe(text);
  });

  it('keeps tab and line breaks only where text has lines', () => {
    expect(visibleText('a\tb\nc\r\n')).toBe('a⟨U+0009⟩b⟨U+000A⟩c⟨U+000D⟩⟨U+000A⟩');
    expect(visibleText('a\tb\nc\r\n\u202e', { lines: true })).toBe('a\tb\nc\r\n⟨U+202E⟩');
  });

  it('splits text into plain parts and one part per mark', () => {
    expect(visibleParts('x\u202ey\u202cz')).toEqual([
      { text: 'x', hidden: false },
      { text: '⟨U+202E⟩', hidden: true },
      { text: 'y', hidden: false },
      { text: '⟨U+202C⟩', hidden: true },
      { text: 'z', hidden: false },
    ]);
    expect(visibleParts('plain')).toEqual([{ text: 'plain', hidden: false }]);
  });

  it('marks the string the CLI escapes in full (test/core/text/hiddenChars.test.ts), astral format characters too', () => {
    expect(visibleText('a\u200Fb\u061Cc\u200Bd\u202Ee\u2066f\u0007g\u009Bh\u{E0001}i')).toBe(
      'a⟨U+200F⟩b⟨U+061C⟩c⟨U+200B⟩d⟨U+202E⟩e⟨U+2066⟩f⟨U+0007⟩g⟨U+009B⟩h⟨U+E0001⟩i',
    );
  });
});
