import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactJson, countNodes, MAX_TREE_DEPTH, nestedDeeperThan, prettyJson } from '../../src/renderer/lib/jsonShape.js';

const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('nestedDeeperThan', () => {
  it('measures depth without recursion, also 200,000 levels deep', () => {
    expect(nestedDeeperThan(nested(200_000), MAX_TREE_DEPTH)).toBe(true);
    expect(nestedDeeperThan(nested(MAX_TREE_DEPTH), MAX_TREE_DEPTH)).toBe(false);
    expect(nestedDeeperThan(nested(MAX_TREE_DEPTH + 1), MAX_TREE_DEPTH)).toBe(true);
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 2)).toBe(true);
    expect(nestedDeeperThan('text', 0)).toBe(false);
  });
});

describe('countNodes', () => {
  it('counts every value and stops a little past the limit', () => {
    expect(countNodes({ a: [1, 2], b: null }, 100)).toBe(5);
    expect(countNodes(Array.from({ length: 1000 }, () => 1), 10)).toBe(11);
  });
});

describe('prettyJson', () => {
  it('writes what JSON.stringify(value, null, 2) writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed: unknown = JSON.parse(JSON.stringify(value));
        expect(prettyJson(parsed)).toBe(JSON.stringify(parsed, null, 2));
      }),
      { numRuns: 300 },
    );
  });

  it('does not overflow the call stack at depths where JSON.stringify does (about 6,000 in Node)', () => {
    // Not deeper: the indentation makes the text grow with the square of the depth (72 M characters here).
    const text = prettyJson(nested(6_000));
    expect(text.startsWith('[\n  [\n    [')).toBe(true);
    // 5,999 opening lines, the innermost [] and 5,999 closing ones.
    expect(text.split('\n')).toHaveLength(11_999);
  });
});

describe('compactJson', () => {
  it('is JSON.stringify for shallow values, a note for deep ones', () => {
    expect(compactJson({ a: [1] })).toBe('{"a":[1]}');
    expect(compactJson(nested(200_000))).toBe(`(nested more than ${MAX_TREE_DEPTH} levels deep)`);
  });
});
