import { describe, expect, it } from 'vitest';
import { buildListItems } from '../../src/renderer/lib/pluginListItems.js';
import { arrivalRate } from '../../src/renderer/lib/rate.js';
import { shortPath } from '../../src/renderer/lib/shortPath.js';
import { plugin } from './helpers/studioData.js';

describe('buildListItems', () => {
  const plugins = {
    b: plugin('b'),
    'x/one': plugin('x/one', { state: 'started' }),
    'x/two': plugin('x/two'),
  };

  it('puts plugins without a namespace in their own group first', () => {
    expect(buildListItems(plugins, { filter: '', sort: 'name', collapsed: {} })).toEqual([
      { kind: 'group', namespace: '', count: 1, collapsed: false },
      { kind: 'plugin', id: 'b' },
      { kind: 'group', namespace: 'x', count: 2, collapsed: false },
      { kind: 'plugin', id: 'x/one' },
      { kind: 'plugin', id: 'x/two' },
    ]);
  });

  it('hides the members of a folded group, but not while filtering', () => {
    const folded = { x: true as const };
    expect(buildListItems(plugins, { filter: '', sort: 'name', collapsed: folded }).map((i) => i.kind)).toEqual([
      'group',
      'plugin',
      'group',
    ]);
    expect(buildListItems(plugins, { filter: 'two', sort: 'name', collapsed: folded })).toEqual([
      { kind: 'group', namespace: 'x', count: 1, collapsed: false },
      { kind: 'plugin', id: 'x/two' },
    ]);
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
