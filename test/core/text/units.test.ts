import { describe, expect, it } from 'vitest';
import { countOf, formatBytes, formatDuration } from '../../../src/core/text/units.js';

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

describe('formatDuration', () => {
  it('a span for a message: ms under a second, at most one decimal of seconds, then the two largest units', () => {
    expect(formatDuration(50)).toBe('50 ms');
    expect(formatDuration(1000)).toBe('1 s');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(90_000)).toBe('1 min 30 s');
    expect(formatDuration(3 * 3_600_000 + 12 * 60_000 + 5_000)).toBe('3 h 12 min');
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 d 4 h');
  });

  it('a measured time keeps its decimals', () => {
    expect(formatDuration(0.42, { precise: true })).toBe('0.42 ms');
    expect(formatDuration(5, { precise: true })).toBe('5.0 ms');
    expect(formatDuration(1000, { precise: true })).toBe('1.00 s');
    expect(formatDuration(12_340, { precise: true })).toBe('12.3 s');
  });

  it('whole seconds for a time that ticks on screen, and minutes alone for a row', () => {
    expect(formatDuration(400, { whole: true })).toBe('0 s');
    expect(formatDuration(3_900, { whole: true })).toBe('3 s');
    expect(formatDuration(125_400, { whole: true })).toBe('2 min 5 s');
    expect(formatDuration(42_000, { whole: true, beside: 'min' })).toBe('42 s');
    expect(formatDuration(5 * 60_000 + 30_000, { whole: true, beside: 'min' })).toBe('5 min');
    expect(formatDuration(3 * 3_600_000 + 12 * 60_000, { whole: true, beside: 'min' })).toBe('3 h 12 min');
  });
});

describe('countOf', () => {
  it('singular for one, plural otherwise, zero included; an irregular plural when given', () => {
    expect(countOf(1, 'problem file')).toBe('1 problem file');
    expect(countOf(0, 'method')).toBe('0 methods');
    expect(countOf(4, 'plugin')).toBe('4 plugins');
    expect(countOf(2, 'process', 'processes')).toBe('2 processes');
  });
});
