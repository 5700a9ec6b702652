import { describe, expect, it } from 'vitest';
import { formatAge, formatBytes, formatDuration, formatRate } from '../../src/renderer/lib/format.js';

describe('formatBytes', () => {
  it('shows bytes, KiB and MiB with a short number', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(200 * 1024)).toBe('200 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });
});

describe('formatDuration', () => {
  it('keeps sub-millisecond precision and switches to seconds past one second', () => {
    expect(formatDuration(0.42)).toBe('0.42 ms');
    expect(formatDuration(3.14)).toBe('3.1 ms');
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(1500)).toBe('1.50 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});

describe('formatAge', () => {
  it('says how long ago, in the largest sensible unit', () => {
    const now = 1_000_000_000;
    expect(formatAge(now - 1000, now)).toBe('just now');
    expect(formatAge(now - 30_000, now)).toBe('30 s ago');
    expect(formatAge(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAge(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAge(now - 3 * 86_400_000, now)).toBe('3 d ago');
  });
});

describe('formatRate', () => {
  it('shows per-second rates', () => {
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(0.5)).toBe('0.50/s');
    expect(formatRate(2.25)).toBe('2.3/s');
    expect(formatRate(120)).toBe('120/s');
  });
});
