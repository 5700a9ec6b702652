import { describe, expect, it } from 'vitest';
import { buildListItems, type ListItem } from '../../src/renderer/lib/pluginListItems.js';
import type { ListView } from '../../src/renderer/store/types.js';
import { arrivalRate } from '../../src/renderer/lib/rate.js';
import { shortPath } from '../../src/renderer/lib/shortPath.js';
import { plugin, processInfo } from './helpers/studioData.js';

describe('buildListItems', () => {
  const plugins = {
    b: plugin('b'),
    'x/one': plugin('x/one', { state: 'started', process: undefined, origin: { kind: 'outside', pid: 20, argv: null, cwd: null, source: 'socket-owner' } }),
    'x/two': plugin('x/two', { state: 'started', process: processInfo({ pid: 10 }) }),
    'x/three': plugin('x/three'),
  };
  const view = (patch: Partial<ListView> = {}): ListView => ({
    filter: '',
    sort: 'name',
    descending: false,
    groupBy: 'namespace',
    collapsed: {},
    ...patch,
  });
  const ids = (items: ListItem[]) => items.map((i) => (i.kind === 'group' ? `[${i.name}]` : i.id));

  it('puts plugins without a namespace in their own group first', () => {
    expect(buildListItems(plugins, view()).slice(0, 3)).toEqual([
      { kind: 'group', key: 'ns:', by: 'namespace', name: '', count: 1, collapsed: false },
      { kind: 'plugin', id: 'b' },
      { kind: 'group', key: 'ns:x', by: 'namespace', name: 'x', count: 3, collapsed: false },
    ]);
  });

  it('hides the members of a folded group, but not while filtering', () => {
    const folded = { 'ns:x': true as const };
    expect(ids(buildListItems(plugins, view({ collapsed: folded })))).toEqual(['[]', 'b', '[x]']);
    expect(ids(buildListItems(plugins, view({ filter: 'two', collapsed: folded })))).toEqual(['[x]', 'x/two']);
  });

  it('sorts by pid (ours or the one found for a plugin started elsewhere), absent ones last either way', () => {
    expect(ids(buildListItems(plugins, view({ sort: 'process' })))).toEqual(['[]', 'b', '[x]', 'x/two', 'x/one', 'x/three']);
    expect(ids(buildListItems(plugins, view({ sort: 'process', descending: true })))).toEqual([
      '[]',
      'b',
      '[x]',
      'x/one',
      'x/two',
      'x/three',
    ]);
    expect(ids(buildListItems(plugins, view({ sort: 'name', descending: true })))).toEqual(['[]', 'b', '[x]', 'x/two', 'x/three', 'x/one']);
  });

  it('groups by the watched folder a .pconf is in (or under), and shows empty watched folders when not filtering', () => {
    const spread = {
      a: plugin('a', { confPath: '/w/one/a.pconf' }),
      b: plugin('b', { confPath: '/w/one/sub/b.pconf' }),
      c: plugin('c', { confPath: '/elsewhere/c.pconf' }),
    };
    const folders = ['/w/one/', '/w/two'];
    expect(ids(buildListItems(spread, view({ groupBy: 'folder' }), folders))).toEqual([
      '[/elsewhere]',
      'c',
      '[/w/one]',
      'a',
      'b',
      '[/w/two]',
    ]);
    expect(buildListItems(spread, view({ groupBy: 'folder' }), folders).at(-1)).toMatchObject({ count: 0, key: 'dir:/w/two' });
    expect(ids(buildListItems(spread, view({ groupBy: 'folder', filter: 'a' }), folders))).toEqual(['[/w/one]', 'a']);
  });
});

describe('arrivalRate', () => {
  it('counts arrivals per second over the window', () => {
    const now = 100_000;
    expect(arrivalRate([], now)).toBe(0);
    expect(arrivalRate([now - 50_000], now)).toBe(0);
    // 10 arrivals inside a 10 s window, with older ones before it.
    const times = [now - 30_000, ...Array.from({ length: 10 }, (_, i) => now - 9_000 + i * 900)];
    expect(arrivalRate(times, now)).toBe(1);
  });

  it('uses the span of the kept arrivals when all of them are recent (the list is bounded)', () => {
    const now = 100_000;
    const burst = Array.from({ length: 1000 }, (_, i) => now - 2_000 + i * 2);
    expect(arrivalRate(burst, now)).toBe(500);
  });
});

describe('shortPath', () => {
  it('keeps short paths and cuts long ones from the front', () => {
    expect(shortPath('/tmp/a.sock')).toBe('/tmp/a.sock');
    expect(shortPath('/home/dev/projects/goplug/plugins/echo.sock', 30)).toBe('…/goplug/plugins/echo.sock');
    expect(shortPath(`/x/${'y'.repeat(50)}.sock`, 20)).toBe(`…/${'y'.repeat(50)}.sock`);
  });
});
