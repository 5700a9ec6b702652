import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilter } from '../../src/renderer/lib/pluginFilter.js';
import { plugin } from './helpers/studioData.js';

const echo = plugin('demo/echo', { state: 'started', methods: ['Echo', 'Upper'], confPath: '/home/dev/plugins/echo.pconf' });
const kv = plugin('tools/kv', { lazyLoad: true, confPath: '/srv/kv/kv.pconf' });
const broken = plugin('demo/broken', { error: { code: 'CONNECT_FAILED', message: 'refused', hint: '', at: 1 } });
const all = [echo, kv, broken];
const kept = (text: string) => all.filter((p) => matchesFilter(p, parseFilter(text))).map((p) => p.id);

describe('parseFilter', () => {
  it('reads free text, keys, the lazy keyword, negation and quotes', () => {
    expect(parseFilter('  Echo  state:Started -lazy method:"a b" folder:srv ').terms).toEqual([
      { kind: 'text', value: 'echo', negated: false },
      { kind: 'state', value: 'started', negated: false },
      { kind: 'lazy', negated: true },
      { kind: 'method', value: 'a b', negated: false },
      { kind: 'folder', value: 'srv', negated: false },
    ]);
    expect(parseFilter('"two words"').terms).toEqual([{ kind: 'text', value: 'two words', negated: false }]);
    expect(parseFilter('lazy:no').terms).toEqual([{ kind: 'lazy', negated: true }]);
    // A lone "-" is text, not a negation of nothing.
    expect(parseFilter('-').terms).toEqual([{ kind: 'text', value: '-', negated: false }]);
  });

  it('names each term it does not understand, and keeps the others', () => {
    const parsed = parseFilter('state:running colour:red method: lazy:maybe echo');
    expect(parsed.terms).toEqual([{ kind: 'text', value: 'echo', negated: false }]);
    expect(parsed.errors).toEqual([
      expect.stringMatching(/^“state:running”: no state “running” \(one of: started, discovered/),
      '“colour:red”: unknown key “colour” (known: state, lazy, method, folder)',
      '“method:”: method: needs a value',
      '“lazy:maybe”: lazy: takes yes or no',
    ]);
  });
});

describe('matchesFilter', () => {
  it('matches id, name or socket path for free text, case-insensitively; everything for nothing', () => {
    expect(kept('')).toEqual(['demo/echo', 'tools/kv', 'demo/broken']);
    expect(kept('ECHO')).toEqual(['demo/echo']);
    expect(kept('kv.sock')).toEqual(['tools/kv']);
  });

  it('matches the state shown (an error is its own state) and the registry state', () => {
    expect(kept('state:started')).toEqual(['demo/echo']);
    expect(kept('state:error')).toEqual(['demo/broken']);
    expect(kept('state:discovered')).toEqual(['tools/kv', 'demo/broken']);
    expect(kept('-state:started')).toEqual(['tools/kv', 'demo/broken']);
  });

  it('matches lazy, a method name part and the .pconf folder; all terms must hold', () => {
    expect(kept('lazy')).toEqual(['tools/kv']);
    expect(kept('method:upp')).toEqual(['demo/echo']);
    expect(kept('folder:/home/dev')).toEqual(['demo/echo']);
    expect(kept('demo -method:upper')).toEqual(['demo/broken']);
  });
});
