/**
 * One set of hidden characters for the terminal and the page (test/renderer/visibleText.test.ts
 * marks the same string): the CLI escapes them all, including the bidi marks and zero-width characters that are neither controls nor
 * embeddings (U+200F, U+061C, U+200B) and a format character outside the BMP.
 */
import { describe, expect, it } from 'vitest';
import { terminalJson } from '../../../src/cli/terminalJson.js';
import { printable } from '../../../src/core/text/safeText.js';

const hostile = 'a\u200Fb\u061Cc\u200Bd\u202Ee\u2066f\u0007g\u009Bh\u{E0001}i';

describe('hidden characters', () => {
  it('are escaped by printable() where the page marks them, and nothing else changes', () => {
    expect(printable(hostile)).toBe(
      'a\\u200fb\\u061cc\\u200bd\\u202ee\\u2066f\\u0007g\\u009bh\\udb40\\udc01i',
    );
    expect(printable('plain ünïcødé ✓')).toBe('plain ünïcødé ✓');
  });

  it('reach the terminal from --json only escaped, while the JSON keeps its layout and its value', () => {
    const value = { name: hostile, lines: 'x\ny' };
    const text = terminalJson(value, 2);
    expect(text).not.toMatch(/[\p{Cf}\u007f-\u009f\u2028\u2029]/u);
    expect(text.split('\n')).toHaveLength(4);
    expect(JSON.parse(text)).toEqual(value);
  });
});
