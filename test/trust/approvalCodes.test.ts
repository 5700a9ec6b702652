/**
 * One-time approval codes (issue 13 §2, web mode): good once, for the command they were printed
 * for, and no endless guessing by asking for new ones.
 */
import { describe, expect, it } from 'vitest';
import { ApprovalCodes } from '../../src/service/approvalCodes.js';

const wrongFor = (code: string) => (code === '000000' ? '000001' : '000000');

describe('approval codes', () => {
  it('approve once, only for their key', () => {
    const codes = new ApprovalCodes();
    const code = codes.issue('a');
    expect(code).toMatch(/^\d{6}$/);
    expect(codes.redeem('b', code)).toBe('wrong');
    expect(codes.redeem('a', wrongFor(code))).toBe('wrong');
    expect(codes.redeem('a', ` ${code} `)).toBe('approved');
    expect(codes.redeem('a', code)).toBe('wrong');
  });

  it('take no code at all after 20 wrong ones, however many new codes were asked for', () => {
    const codes = new ApprovalCodes();
    let last = '';
    for (let i = 0; i < 19; i++) {
      last = codes.issue('a');
      expect(codes.redeem('a', wrongFor(last))).toBe('wrong');
    }
    last = codes.issue('a');
    expect(codes.redeem('a', wrongFor(last))).toBe('locked');
    expect(codes.redeem('a', last)).toBe('locked');
    expect(codes.redeem('b', codes.issue('b'))).toBe('locked');
  });
});
