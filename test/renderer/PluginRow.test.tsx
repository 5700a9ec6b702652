// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PluginRow } from '../../src/renderer/components/PluginRow.js';
import { renderStudio } from './helpers/renderStudio.js';
import { plugin } from './helpers/studioData.js';

afterEach(cleanup);

const row = (id: string) => <PluginRow id={id} index={0} selected={false} focusable onOpen={() => {}} />;

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

  it('opens the plugin under its id and shows the socket path', () => {
    renderStudio(row('demo/echo'), { plugins: { 'demo/echo': plugin('demo/echo', { lazyLoad: true }) } });
    expect(screen.getByRole('button', { name: 'demo/echo' })).toBeTruthy();
    expect(screen.getByText('/tmp/goplug-test/echo.sock')).toBeTruthy();
    expect(screen.getAllByText('Lazy')).toHaveLength(1);
  });
});
