import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/core/text/units.js';

describe('formatBytes', () => {
  it('short, for a row: one decimal under 10 so the figure keeps its width', () => {
    expect(formatBytes(30)).toBe('30 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
    expect(formatBytes(42.4 * 1024 * 1024)).toBe('42 MiB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3.0 TiB');
  });

  it('exact, for a message: no ".0", and the count of bytes', () => {
    expect(formatBytes(1023, { exact: true })).toBe('1023 bytes');
    expect(formatBytes(5 * 1024 ** 3, { exact: true })).toBe('5 GiB (5368709120 bytes)');
    expect(formatBytes(1536, { exact: true })).toBe('1.5 KiB (1536 bytes)');
    expect(formatBytes(12_345_678, { exact: true })).toBe('12 MiB (12345678 bytes)');
  });
});
