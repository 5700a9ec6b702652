// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PluginRow } from '../../src/renderer/components/PluginRow.js';
import { renderStudio } from './helpers/renderStudio.js';
import { plugin } from './helpers/studioData.js';

afterEach(cleanup);

const row = (id: string) => <PluginRow id={id} index={0} selected={false} picked={false} focusable onClick={() => {}} />;

describe('PluginRow switch', () => {
  it('is a switch named "Toggle <id>", checked exactly when the plugin is started', () => {
    const store = renderStudio(row('demo/echo'), {
      plugins: { 'demo/echo': plugin('demo/echo', { state: 'started', methods: ['Echo', 'Upper'] }) },
    });
    const toggle = screen.getByRole('switch', { name: 'Toggle demo/echo' });
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect((toggle as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByText('2 methods')).toBeTruthy();

    for (const state of ['discovered', 'stopped'] as const) {
      act(() => store.getState().putPlugin(plugin('demo/echo', { state })));
      expect(toggle.getAttribute('aria-checked')).toBe('false');
      expect((toggle as HTMLButtonElement).disabled).toBe(false);
    }
  });

  it('is disabled while a transition is pending or under way', () => {
    const store = renderStudio(row('demo/echo'), { plugins: { 'demo/echo': plugin('demo/echo') } });
    const toggle = screen.getByRole('switch', { name: 'Toggle demo/echo' }) as HTMLButtonElement;

    act(() => store.getState().setPending('demo/echo', 'start'));
    expect(toggle.disabled).toBe(true);
    expect(toggle.getAttribute('aria-busy')).toBe('true');

    act(() => store.getState().setPending('demo/echo', null));
    expect(toggle.disabled).toBe(false);

    act(() => store.getState().putPlugin(plugin('demo/echo', { state: 'starting' })));
    expect(toggle.disabled).toBe(true);
    expect(toggle.getAttribute('aria-checked')).toBe('false');
  });

  it('shows a failed start on the row, with its code', () => {
    renderStudio(row('demo/echo'), {
      plugins: { 'demo/echo': plugin('demo/echo') },
      rowFailures: { 'demo/echo': { code: 'CONNECT_FAILED', message: 'socket refused', hint: 'run it' } },
    });
    expect(screen.getByText('CONNECT_FAILED: socket refused')).toBeTruthy();
  });

  it('is a row named by its id, state, Lazy and methods, with the socket path in its column', () => {
    const store = renderStudio(row('demo/echo'), { plugins: { 'demo/echo': plugin('demo/echo', { lazyLoad: true }) } });
    expect(screen.getByRole('row', { name: 'demo/echo, Discovered, Lazy' })).toBeTruthy();
    expect(screen.getByText('/tmp/goplug-test/echo.sock')).toBeTruthy();
    expect(screen.getAllByText('Lazy')).toHaveLength(1);
    expect(screen.getAllByRole('gridcell').map((cell) => cell.className.split(' ')[0])).toEqual([
      'col-state',
      'col-name',
      'col-methods',
      'col-process',
      'col-socket',
      'col-actions',
    ]);

    act(() => store.getState().putPlugin(plugin('demo/echo', { state: 'started', methods: ['Echo'] })));
    expect(screen.getByRole('row', { name: 'demo/echo, Started, 1 method' })).toBeTruthy();
  });

  it('shows the pid of a process started elsewhere, marked outside, and "—" when none is known or it is gone', () => {
    const origin = { kind: 'outside' as const, pid: 777, argv: ['node', 'echo.js'], cwd: '/tmp', source: 'socket-owner' as const };
    const store = renderStudio(row('demo/echo'), { plugins: { 'demo/echo': plugin('demo/echo', { state: 'started', origin }) } });
    const shown = screen.getByText('outside · pid 777');
    expect(shown.title).toBe('started outside this Studio (pid 777)\npid 777\nnode echo.js');
    act(() => store.getState().putPlugin(plugin('demo/echo', { state: 'started' })));
    expect(screen.queryByText(/pid/)).toBeNull();
    expect(screen.getByText('—')).toBeTruthy();
    // Stopped and its .pconf gone: that process ended, so its old pid is no longer shown as running.
    act(() => store.getState().putPlugin(plugin('demo/echo', { state: 'stopped', origin, confRemoved: true })));
    expect(screen.queryByText(/pid/)).toBeNull();
  });
});

describe('PluginRow of a launched plugin', () => {
  const running = {
    state: 'running' as const,
    pid: 4242,
    command: 'node echo.js',
    startedAt: Date.now() - 125_000,
    uptimeMs: 125_000,
    restarts: 1,
    recentCrashes: 1,
    lastExit: null,
    nextRestartAt: null,
    cpuPercent: 1.25,
    rssBytes: 42 * 1024 * 1024,
    message: null,
  };

  it('shows pid, uptime, CPU, memory and restarts of its process', () => {
    renderStudio(row('demo/echo'), { plugins: { 'demo/echo': plugin('demo/echo', { state: 'started', process: running }) } });
    expect(screen.getByText('pid 4242 · up 2 min · 1 restart · 1.3% · 42 MiB')).toBeTruthy();
  });

  it('offers Restart beside the Fatal badge, and Restart asks the service to restart it', async () => {
    const store = renderStudio(row('demo/echo'), {
      plugins: {
        'demo/echo': plugin('demo/echo', {
          state: 'stopped',
          process: { ...running, state: 'fatal', pid: null, startedAt: null, message: 'gave up restarting' },
        }),
      },
    });
    expect(screen.getByText('Fatal')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Restart demo/echo' }));
    // No service in this test: the failure names the call that was made.
    await waitFor(() => expect(store.getState().rowFailures['demo/echo']?.message).toContain('(restartPlugin)'));
    expect(store.getState().toasts.at(-1)?.message).toMatch(/^Could not restart demo\/echo/);
  });
});
