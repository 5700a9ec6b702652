// @vitest-environment jsdom
/**
 * A subscription's panel tells the backlog (what the plugin queued before the subscription) from
 * the live stream: counted apart, marked on each notification, left out of the rate; and a
 * subscription to a name the plugin does not announce says that nothing may come.
 */
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CallbacksTab } from '../../src/renderer/components/CallbacksTab.js';
import type { EventBatch } from '../../src/shared/contract.js';
import { renderStudio } from './helpers/renderStudio.js';
import { plugin } from './helpers/studioData.js';

afterEach(cleanup);

const clock = plugin('demo/clock', {
  state: 'started',
  methods: ['Now'],
  description: {
    source: 'plugin',
    methods: [{ name: 'Now' }],
    callbacks: [{ name: 'tick', description: 'Every second.' }],
  },
});

function ticks(subscriptionId: string, count: number, backlog: boolean, from = 0): EventBatch {
  return Array.from({ length: count }, (_, i) => ({
    type: 'notification' as const,
    id: 'demo/clock',
    callback: 'tick',
    subscriptionId,
    body: { base64: btoa(`{"seq":${from + i}}`), size: 9 },
    at: Date.now(),
    backlog,
  }));
}

describe('SubscriptionPanel', () => {
  it('counts the backlog apart, marks it, and rates the live notifications only', () => {
    const store = renderStudio(<CallbacksTab plugin={clock} />, { plugins: { 'demo/clock': clock } });
    act(() => {
      store.getState().addSubscription({ subscriptionId: 's1', pluginId: 'demo/clock', callback: 'tick' });
      // 60 queued ticks land at once, then two live ones.
      store.getState().applyBatch([...ticks('s1', 60, true), ...ticks('s1', 2, false, 60)]);
    });
    const panel = screen.getByRole('region', { name: 'Callback tick' });
    expect(within(panel).getByLabelText('Count').textContent).toBe('62 received');
    expect(within(panel).getByText('(60 from its backlog)')).toBeTruthy();
    // Two live arrivals just now: 2/s (less if the page's clock ticked since), never the 62/s with the backlog.
    const rate = Number(within(panel).getByLabelText('Live rate').textContent?.replace('/s', ''));
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeLessThanOrEqual(2);
    const items = within(panel).getAllByRole('listitem');
    expect(items.filter((li) => within(li).queryByText('backlog') !== null)).toHaveLength(60);
    expect(within(items.at(-1)!).queryByText('backlog')).toBeNull();
    expect(within(panel).queryByText(/nothing may come/)).toBeNull();
  });

  it('a subscription to a name the plugin does not announce says that nothing may come', () => {
    const store = renderStudio(<CallbacksTab plugin={clock} />, { plugins: { 'demo/clock': clock } });
    act(() =>
      store.getState().addSubscription({ subscriptionId: 's2', pluginId: 'demo/clock', callback: 'OnTick' }),
    );
    const panel = screen.getByRole('region', { name: 'Callback OnTick' });
    expect(within(panel).getByText(/nothing may come/).textContent).toBe(
      'demo/clock does not announce this callback (it announces tick): nothing may come.',
    );
  });
});
