// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PluginList } from '../../src/renderer/components/PluginList.js';
import { rowNamed } from '../helpers/rowName.js';
import { renderStudio } from './helpers/renderStudio.js';
import { plugin, settings } from './helpers/studioData.js';
import { giveElementsASize } from './helpers/jsdomLayout.js';

giveElementsASize({ height: 800, width: 360 });
afterEach(cleanup);

const plugins = {
  'demo/echo': plugin('demo/echo', { state: 'started', methods: ['Echo', 'Upper'] }),
  'demo/clock': plugin('demo/clock'),
  'tools/kv': plugin('tools/kv', { lazyLoad: true, confPath: '/srv/other/kv.pconf' }),
};

const grid = () => screen.getByRole('treegrid', { name: 'Plugins' });
/** Every row under the header: a group's text, or a plugin row's accessible name. */
const rowLabels = () =>
  within(grid())
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.getAttribute('aria-label') ?? r.textContent?.replace(/\s+/g, ' ').trim());
const row = (id: string) => screen.getByRole('row', { name: rowNamed(id) });
const filter = () => screen.getByRole('searchbox', { name: 'Filter plugins' });

describe('PluginList', () => {
  it('groups plugins by namespace in named rows, and folds a group', () => {
    renderStudio(<PluginList />, { plugins });
    expect(rowLabels()).toEqual([
      '▾demo2',
      'demo/clock, Discovered',
      'demo/echo, Started, 2 methods',
      '▾tools1',
      'tools/kv, Discovered, Lazy',
    ]);
    const demo = within(grid()).getAllByRole('row')[1] as HTMLElement;
    expect(demo.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(demo);
    expect(rowLabels()).toEqual(['▸demo2', '▾tools1', 'tools/kv, Discovered, Lazy']);
  });

  it('sorts by a column header, the other way on a second click, and says so in aria-sort', () => {
    renderStudio(<PluginList />, { plugins });
    const header = (name: string) => screen.getByRole('columnheader', { name });
    expect(header('Name').getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(header('Methods')).getByRole('button'));
    expect(header('Methods').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Name').getAttribute('aria-sort')).toBe('none');
    fireEvent.click(within(header('Methods')).getByRole('button'));
    expect(header('Methods').getAttribute('aria-sort')).toBe('descending');
    expect(rowLabels().slice(1, 3)).toEqual(['demo/echo, Started, 2 methods', 'demo/clock, Discovered']);
  });

  it('groups by watched folder, showing a watched folder without plugins', () => {
    renderStudio(<PluginList />, {
      plugins,
      settings: { ...settings, folders: ['/tmp/goplug-test', '/srv/other', '/srv/empty'] },
    });
    // By namespace, the empty folder still shows, after the namespaces.
    expect(rowLabels().at(-1)).toBe('·/srv/emptyno plugins yet');
    fireEvent.change(screen.getByRole('combobox', { name: 'Group by' }), { target: { value: 'folder' } });
    expect(rowLabels()).toEqual([
      '·/srv/emptyno plugins yet',
      '▾/srv/other1',
      'tools/kv, Discovered, Lazy',
      '▾/tmp/goplug-test2',
      'demo/clock, Discovered',
      'demo/echo, Started, 2 methods',
    ]);
  });

  it('filters with terms, explains the ones it does not know, and opens the first match with Enter', () => {
    const store = renderStudio(<PluginList />, { plugins });
    fireEvent.change(filter(), { target: { value: 'method:upp' } });
    expect(rowLabels()).toEqual(['▾demo1', 'demo/echo, Started, 2 methods']);
    fireEvent.keyDown(filter(), { key: 'Enter' });
    expect(store.getState().selection).toEqual({ kind: 'plugin', id: 'demo/echo' });

    fireEvent.change(filter(), { target: { value: 'colour:red' } });
    expect(screen.getByRole('status').textContent).toMatch(/unknown key “colour”/);
    expect(filter().getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(filter(), { target: { value: 'nothing' } });
    expect(screen.getByText('No plugin matches “nothing”.')).toBeTruthy();
    act(() => store.getState().setListView({ filter: '' }));

    fireEvent.click(screen.getByRole('button', { name: /Filter help/ }));
    expect(screen.getByRole('table', { name: 'Filter syntax' }).textContent).toContain('state:started');
  });

  it('moves with the arrows and opens with Enter; Space picks and opens, and never starts or stops', async () => {
    const store = renderStudio(<PluginList />, { plugins });
    const clock = row('demo/clock');
    clock.focus();

    fireEvent.keyDown(clock, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(row('demo/echo')));
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Enter' });
    expect(store.getState().selection).toEqual({ kind: 'plugin', id: 'demo/echo' });

    fireEvent.keyDown(row('demo/clock'), { key: ' ' });
    expect(store.getState().selection).toEqual({ kind: 'plugin', id: 'demo/clock' });
    expect(store.getState().picked).toEqual(['demo/clock']);
    expect(row('demo/clock').getAttribute('aria-selected')).toBe('true');
    // Nothing was asked of the service: no pending transition, no failure toast.
    expect(store.getState().pending).toEqual({});
    expect(store.getState().toasts).toEqual([]);
  });

  it('picks several (Ctrl-click, Shift+arrows) and stops the started ones through the stop action', async () => {
    const store = renderStudio(<PluginList />, { plugins });
    fireEvent.click(row('demo/clock'));
    fireEvent.click(row('tools/kv'), { ctrlKey: true });
    expect(store.getState().picked).toEqual(['demo/clock', 'tools/kv']);
    expect(screen.getByRole('toolbar', { name: 'Picked plugins' }).textContent).toContain('2 picked');

    fireEvent.click(row('demo/clock'));
    row('demo/clock').focus();
    fireEvent.keyDown(row('demo/clock'), { key: 'ArrowDown', shiftKey: true });
    expect(store.getState().picked).toEqual(['demo/clock', 'demo/echo']);
    expect(screen.getByRole('button', { name: 'Start selected (1)' })).toBeTruthy();

    // No Studio service in this test: the stop fails, and says so where the user looks. demo/echo
    // was not launched by the Studio, so the stop asks first (StopConfirmDialog reads this).
    fireEvent.click(screen.getByRole('button', { name: 'Stop selected (1)' }));
    await waitFor(() => expect(store.getState().confirmation?.outside).toEqual(['demo/echo']));
    act(() => store.getState().confirmation?.answer('stop'));
    await waitFor(() => expect(store.getState().toasts).toHaveLength(1));
    expect(store.getState().toasts[0]?.message).toMatch(/^Could not stop demo\/echo/);
    expect(store.getState().rowFailures['demo/echo']?.code).toBe('DISCONNECTED');
    expect(within(row('demo/echo')).getByText(/^DISCONNECTED: no Studio service/)).toBeTruthy();
  });
});
