// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PluginList } from '../../src/renderer/components/PluginList.js';
import { renderStudio } from './helpers/renderStudio.js';
import { plugin } from './helpers/studioData.js';
import { giveElementsASize } from './helpers/jsdomLayout.js';

giveElementsASize({ height: 800, width: 360 });
afterEach(cleanup);

const plugins = {
  'demo/echo': plugin('demo/echo', { state: 'started' }),
  'demo/clock': plugin('demo/clock'),
  'tools/kv': plugin('tools/kv', { lazyLoad: true }),
};

const rowLabels = () =>
  screen
    .getAllByRole('listitem')
    .map((li) => li.querySelector('button')?.getAttribute('aria-label') ?? li.textContent?.replace(/\s+/g, ' ').trim());

describe('PluginList', () => {
  it('groups plugins by namespace, sorted by name, and folds a group', () => {
    renderStudio(<PluginList />, { plugins });
    expect(rowLabels()).toEqual(['▾demo2', 'demo/clock', 'demo/echo', '▾tools1', 'tools/kv']);

    fireEvent.click(screen.getByRole('button', { name: /demo/, expanded: true }));
    expect(rowLabels()).toEqual(['▸demo2', '▾tools1', 'tools/kv']);
  });

  it('filters by id or socket path and sorts by state', () => {
    const store = renderStudio(<PluginList />, { plugins });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter plugins' }), { target: { value: 'ECHO' } });
    expect(rowLabels()).toEqual(['▾demo1', 'demo/echo']);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter plugins' }), { target: { value: 'nothing' } });
    expect(screen.getByText('No plugin matches “nothing”.')).toBeTruthy();

    act(() => store.getState().setListView({ filter: '' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'state' } });
    expect(rowLabels()).toEqual(['▾demo2', 'demo/echo', 'demo/clock', '▾tools1', 'tools/kv']);
  });

  it('moves with the arrows, opens with Enter, and toggles with Space (a failure lands on the row and in a toast)', async () => {
    const store = renderStudio(<PluginList />, { plugins });
    const clock = screen.getByRole('button', { name: 'demo/clock' });
    clock.focus();

    fireEvent.keyDown(clock, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'demo/echo' })));

    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Enter' });
    expect(store.getState().selection).toEqual({ kind: 'plugin', id: 'demo/echo' });

    // This test has no Studio service: the stop fails, and says so where the user looks. It was
    // not launched by the Studio, so the stop asks first (StopConfirmDialog reads this).
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: ' ' });
    await waitFor(() => expect(store.getState().confirmation?.outside).toEqual(['demo/echo']));
    act(() => store.getState().confirmation?.answer('stop'));
    await waitFor(() => expect(store.getState().toasts).toHaveLength(1));
    expect(store.getState().toasts[0]).toMatchObject({ level: 'error', code: 'DISCONNECTED' });
    expect(store.getState().toasts[0]?.message).toMatch(/^Could not stop demo\/echo/);
    expect(store.getState().rowFailures['demo/echo']?.code).toBe('DISCONNECTED');
    expect(store.getState().activity.at(-1)).toMatchObject({ level: 'error', plugin: 'demo/echo' });
    expect(store.getState().pending).toEqual({});
    expect(screen.getByText(/^DISCONNECTED: no Studio service/)).toBeTruthy();
  });
});
