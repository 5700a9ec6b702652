// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventBatch } from '../../src/shared/contract.js';
import { createStudioStore } from '../../src/renderer/store/studioStore.js';
import { ACTIVITY_KEPT, NOTIFICATIONS_KEPT } from '../../src/renderer/store/types.js';
import { plugin, settings } from './helpers/studioData.js';

const platform = { kind: 'web' as const, canPickFolder: false, canReveal: false, canOpenInEditor: false };

describe('a snapshot answered by a call', () => {
  it('is not shown over a newer one an event already brought (its .pconf went after the stop answered)', () => {
    const store = createStudioStore();
    store.getState().applyBatch([{ type: 'stopped', plugin: plugin('demo/echo', { state: 'stopped', rev: 5, confRemoved: true }) }]);
    store.getState().putPlugin(plugin('demo/echo', { state: 'stopped', rev: 4 }));
    expect(store.getState().plugins['demo/echo']?.confRemoved).toBe(true);
    store.getState().putPlugin(plugin('demo/echo', { state: 'started', rev: 6 }));
    expect(store.getState().plugins['demo/echo']?.state).toBe('started');
  });
});

describe('applying event batches', () => {
  it('adds, updates and removes plugins and problems, and logs each change', () => {
    const store = createStudioStore({ now: () => 5 });
    const batch: EventBatch = [
      { type: 'discovered', plugin: plugin('demo/echo') },
      { type: 'discovered', plugin: plugin('demo/clock') },
      { type: 'started', plugin: plugin('demo/echo', { state: 'started', methods: ['Echo', 'Ping'] }) },
      { type: 'removed', plugin: plugin('demo/clock') },
      {
        type: 'problem',
        problem: { path: '/p/bad.pconf', fileName: 'bad.pconf', kind: 'invalid', reason: 'not JSON at line 1' },
      },
    ];
    const renders: unknown[] = [];
    store.subscribe((s) => renders.push(s));
    store.getState().applyBatch(batch);

    expect(renders).toHaveLength(1); // one set per batch
    const s = store.getState();
    expect(Object.keys(s.plugins)).toEqual(['demo/echo']);
    expect(s.plugins['demo/echo']?.state).toBe('started');
    expect(s.problems['/p/bad.pconf']?.reason).toBe('not JSON at line 1');
    expect(s.activity.map((a) => [a.event, a.plugin])).toEqual([
      ['discovered', 'demo/echo'],
      ['discovered', 'demo/clock'],
      ['started', 'demo/echo'],
      ['removed', 'demo/clock'],
      ['problem', 'bad.pconf'],
    ]);
    expect(s.activity.find((a) => a.event === 'started')?.message).toContain('2 methods');

    store.getState().applyBatch([{ type: 'problem-cleared', path: '/p/bad.pconf' }]);
    expect(store.getState().problems).toEqual({});
  });

  it('logs each state change a coalesced event brings, with its reason, and nothing for a mere refresh', () => {
    const store = createStudioStore({ now: () => 9 });
    const at = 1_700_000_000_000;
    const started = plugin('demo/echo', {
      state: 'started',
      methods: ['Echo'],
      history: [
        { state: 'discovered', at },
        { state: 'started', at: at + 1 },
      ],
    });
    store.getState().applyBatch([{ type: 'started', plugin: started }]);
    const logged = store.getState().activity.length;

    // The service kept only the newest event of the batch: stopped, then a process refresh.
    const crashed = {
      ...started,
      state: 'stopped' as const,
      methods: [],
      history: [...started.history, { state: 'stopped' as const, at: at + 2, reason: 'exited (killed by SIGKILL)' }],
    };
    store.getState().applyBatch([{ type: 'changed', plugin: crashed }]);
    // Its process facts changed, its state did not.
    store.getState().applyBatch([{ type: 'changed', plugin: { ...crashed, unreachable: true } }]);
    const back = {
      ...crashed,
      state: 'started' as const,
      methods: ['Echo', 'Ping'],
      history: [
        ...crashed.history,
        { state: 'starting' as const, at: at + 3 },
        { state: 'started' as const, at: at + 4 },
      ],
    };
    store.getState().applyBatch([{ type: 'started', plugin: back }]);

    expect(store.getState().activity.slice(logged).map((a) => [a.event, a.message])).toEqual([
      ['stopped', 'stopped — exited (killed by SIGKILL)'],
      ['starting', 'starting'],
      ['started', 'started — 2 methods'],
    ]);
  });

  it('takes new settings and turns notices into toasts', () => {
    const store = createStudioStore();
    store.getState().applyBatch([
      { type: 'settings', settings: { ...settings, theme: 'dark' } },
      { type: 'notice', message: 'settings file was corrupt; defaults used' },
    ]);
    expect(store.getState().settings?.theme).toBe('dark');
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['settings file was corrupt; defaults used']);
  });

  it('keeps the activity log bounded, newest last', () => {
    const store = createStudioStore();
    const batch: EventBatch = Array.from({ length: ACTIVITY_KEPT + 50 }, (_, i) => ({
      type: 'warning',
      message: `warning ${i}`,
    }));
    store.getState().applyBatch(batch);
    const { activity } = store.getState();
    expect(activity).toHaveLength(ACTIVITY_KEPT);
    expect(activity.at(-1)?.message).toBe(`warning ${ACTIVITY_KEPT + 49}`);
    expect(activity[0]?.message).toBe('warning 50');
  });

  it('keeps the last notifications of a subscription, counts all of them, and marks the end', () => {
    const store = createStudioStore({ now: () => 1000 });
    store.getState().addSubscription({ subscriptionId: 's1', pluginId: 'demo/clock', callback: 'Tick' });
    const total = NOTIFICATIONS_KEPT + 10;
    const batch: EventBatch = Array.from({ length: total }, (_, i) => ({
      type: 'notification',
      id: 'demo/clock',
      callback: 'Tick',
      subscriptionId: 's1',
      body: { base64: btoa(String(i)), size: String(i).length },
      at: i,
      backlog: false,
    }));
    batch.push({
      type: 'notification',
      id: 'demo/clock',
      callback: 'Tick',
      subscriptionId: 'unknown',
      body: { base64: '', size: 0 },
      at: 0,
      backlog: false,
    });
    store.getState().applyBatch(batch);
    let sub = store.getState().subscriptions.s1;
    expect(sub?.count).toBe(total);
    expect(sub?.notifications).toHaveLength(NOTIFICATIONS_KEPT);
    expect(atob(sub?.notifications.at(-1)?.base64 ?? '')).toBe(String(total - 1));
    expect(store.getState().subscriptions.unknown).toBeUndefined();

    store.getState().applyBatch([
      {
        type: 'subscription-ended',
        subscriptionId: 's1',
        error: { code: 'PLUGIN_GONE', message: 'gone', hint: 'restart it' },
      },
    ]);
    sub = store.getState().subscriptions.s1;
    expect(sub?.ended?.error?.code).toBe('PLUGIN_GONE');

    store.getState().clearNotifications('s1');
    expect(store.getState().subscriptions.s1?.count).toBe(0);
  });

  it('clears a row failure when the plugin starts', () => {
    const store = createStudioStore();
    store.getState().setRowFailure('demo/echo', { code: 'CONNECT_FAILED', message: 'refused', hint: 'run it' });
    store.getState().applyBatch([{ type: 'started', plugin: plugin('demo/echo', { state: 'started' }) }]);
    expect(store.getState().rowFailures).toEqual({});
  });
});

describe('loading a snapshot', () => {
  it('replaces plugins and problems and drops pending transitions of vanished plugins', () => {
    const store = createStudioStore();
    store.getState().applyBatch([{ type: 'discovered', plugin: plugin('old/one') }]);
    store.getState().setPending('old/one', 'start');
    store.getState().loadSnapshot({
      plugins: [plugin('demo/echo')],
      problems: [],
      settings,
      notices: ['welcome'],
      platform,
    });
    const s = store.getState();
    expect(s.loaded).toBe(true);
    expect(Object.keys(s.plugins)).toEqual(['demo/echo']);
    expect(s.pending).toEqual({});
    expect(s.toasts.map((t) => t.message)).toEqual(['welcome']);
    expect(s.activity.at(-1)?.message).toBe('welcome');
  });
});

describe('toasts', () => {
  it('are written to the activity log too', () => {
    const store = createStudioStore();
    store.getState().toast({ level: 'error', code: 'TIMEOUT', message: 'Could not start demo/echo: timed out', plugin: 'demo/echo' });
    expect(store.getState().toasts[0]?.code).toBe('TIMEOUT');
    expect(store.getState().activity.at(-1)).toMatchObject({ event: 'TIMEOUT', plugin: 'demo/echo', level: 'error' });
  });
});

describe('persistence', () => {
  beforeEach(() => localStorage.clear());

  it('restores the selection and the tab after a restart', () => {
    const first = createStudioStore({ storage: localStorage });
    first.getState().select({ kind: 'plugin', id: 'demo/echo' });
    first.getState().setTab('console');

    const second = createStudioStore({ storage: localStorage });
    expect(second.getState().selection).toEqual({ kind: 'plugin', id: 'demo/echo' });
    expect(second.getState().tab).toBe('console');
  });

  it('restores how the list is sorted, grouped and folded, and the layout, but not the filter', () => {
    const first = createStudioStore({ storage: localStorage });
    first.getState().sortBy('state');
    first.getState().sortBy('state');
    first.getState().setListView({ groupBy: 'folder', filter: 'echo' });
    first.getState().toggleGroup('dir:/srv');
    first.getState().setLayout({ listWidth: 520, activityHeight: 200, problemsOpen: false, activityOpen: false });

    const second = createStudioStore({ storage: localStorage }).getState();
    expect(second.listView).toEqual({ filter: '', sort: 'state', descending: true, groupBy: 'folder', collapsed: { 'dir:/srv': true } });
    expect(second.layout).toEqual({ listWidth: 520, activityHeight: 200, problemsOpen: false, activityOpen: false });
  });

  it('keeps the good parts of a stored value and clamps sizes to their limits', () => {
    localStorage.setItem(
      'goplug.studio.ui.v1',
      JSON.stringify({ tab: 'logs', list: { sort: 'colour', groupBy: 'folder', collapsed: { a: 1, b: true } }, layout: { listWidth: 99999, activityHeight: 'tall' } }),
    );
    const store = createStudioStore({ storage: localStorage }).getState();
    expect(store.tab).toBe('logs');
    expect(store.listView).toMatchObject({ sort: 'name', groupBy: 'folder', collapsed: { b: true } });
    expect(store.layout).toEqual({ listWidth: 900, activityHeight: null, problemsOpen: true, activityOpen: true });
  });

  it('starts fresh when the stored value is corrupt', () => {
    localStorage.setItem('goplug.studio.ui.v1', '{not json');
    const store = createStudioStore({ storage: localStorage });
    expect(store.getState().selection).toBeNull();
    expect(store.getState().tab).toBe('overview');

    localStorage.setItem('goplug.studio.ui.v1', JSON.stringify({ selection: { kind: 'nonsense' }, tab: 'bogus' }));
    const again = createStudioStore({ storage: localStorage });
    expect(again.getState().selection).toBeNull();
    expect(again.getState().tab).toBe('overview');
  });
});
