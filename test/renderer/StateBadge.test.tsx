// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StateBadge } from '../../src/renderer/components/StateBadge.js';
import { plugin } from './helpers/studioData.js';

afterEach(cleanup);

const badgeOf = (container: HTMLElement) => container.querySelector('.badge') as HTMLElement;

describe('StateBadge', () => {
  it('names every state in words, with its colour family and shape as classes', () => {
    const cases = [
      [plugin('a', { state: 'started' }), 'Started', 'badge-started'],
      [plugin('b', { state: 'discovered' }), 'Discovered', 'badge-discovered'],
      [plugin('c', { state: 'stopped' }), 'Stopped', 'badge-stopped'],
      [plugin('d', { state: 'stopped', unreachable: true }), 'Unreachable', 'badge-unreachable'],
      [
        plugin('e', {
          state: 'stopped',
          error: { code: 'TIMEOUT', message: 'no answer', hint: 'raise it', at: 1 },
        }),
        'Error',
        'badge-error',
      ],
    ] as const;
    for (const [p, text, cls] of cases) {
      const { container, unmount } = render(<StateBadge plugin={p} />);
      expect(badgeOf(container).textContent).toBe(text);
      expect(badgeOf(container).classList).toContain(cls);
      unmount();
    }
  });

  it('shows a discovered plugin whose launched process runs as Ready (e.g. lazy, after Stop all), with its Lazy tag', () => {
    const running = { state: 'running', pid: 42 } as NonNullable<ReturnType<typeof plugin>['process']>;
    const { container } = render(<StateBadge plugin={plugin('demo/kv', { lazyLoad: true, process: running })} />);
    expect(badgeOf(container).textContent).toBe('ReadyLazy');
    expect(badgeOf(container).classList).toContain('badge-ready');
    expect(badgeOf(container).title).toMatch(/^Its process runs/);
  });

  it('shows a discovered plugin served by a process outside the Studio as Ready too; not once its .pconf is gone', () => {
    const origin = { kind: 'outside', pid: 18527, argv: null, cwd: null, source: 'socket-owner' } as const;
    const served = plugin('demo/kv', { lazyLoad: true, origin });
    const { container, unmount } = render(<StateBadge plugin={served} />);
    expect(badgeOf(container).textContent).toBe('ReadyLazy');
    unmount();
    // No process found for its socket: it is only known from its file.
    const unknown = plugin('demo/kv', { lazyLoad: true, origin: { ...origin, kind: 'unknown', pid: null, source: null } });
    const second = render(<StateBadge plugin={unknown} />);
    expect(badgeOf(second.container).textContent).toBe('DiscoveredLazy');
    second.unmount();
    const gone = render(<StateBadge plugin={{ ...served, state: 'stopped', confRemoved: true }} />);
    expect(badgeOf(gone.container).textContent).toBe('Stopped');
  });

  it('adds a Lazy tag to a discovered LazyLoad plugin', () => {
    render(<StateBadge plugin={plugin('demo/kv', { lazyLoad: true })} />);
    expect(screen.getByText('Lazy')).toBeTruthy();
  });

  it('puts the reason of an error on hover', () => {
    const { container } = render(
      <StateBadge
        plugin={plugin('demo/x', {
          state: 'stopped',
          unreachable: true,
          error: { code: 'CONNECT_FAILED', message: 'socket refused', hint: 'run it', at: 1 },
        })}
      />,
    );
    expect(badgeOf(container).title).toBe('CONNECT_FAILED: socket refused');
  });

  it('shows the elapsed time of a transition once it lasts over a second', () => {
    const longAgo = Date.now() - 3_500;
    const { container } = render(
      <StateBadge plugin={plugin('demo/slow', { state: 'starting', history: [{ state: 'starting', at: longAgo }] })} />,
    );
    expect(badgeOf(container).textContent).toMatch(/^Starting [3-9] s$/);
    expect(badgeOf(container).classList).toContain('badge-moving');

    const { container: fresh } = render(
      <StateBadge plugin={plugin('demo/quick', { state: 'stopping', history: [{ state: 'stopping', at: Date.now() }] })} />,
    );
    expect(badgeOf(fresh).textContent).toBe('Stopping');
  });
});

describe('StateBadge of a launched plugin', () => {
  const proc = {
    pid: null,
    command: 'node echo.js',
    startedAt: null,
    uptimeMs: null,
    restarts: 2,
    recentCrashes: 2,
    lastExit: { code: 1, signal: null, at: 1, requested: false },
    cpuPercent: null,
    rssBytes: null,
  };

  it('says Fatal, red and filled, with why on hover, when the supervisor gave up', () => {
    const { container } = render(
      <StateBadge
        plugin={plugin('demo/echo', {
          state: 'stopped',
          error: { code: 'PLUGIN_GONE', message: 'its process exited (code 1)', hint: '', at: 1 },
          process: { ...proc, state: 'fatal', nextRestartAt: null, message: 'gave up restarting after 5 crashes within 3 min' },
        })}
      />,
    );
    expect(badgeOf(container).textContent).toBe('Fatal');
    expect(badgeOf(container).classList).toContain('badge-fatal');
    expect(badgeOf(container).title).toBe('gave up restarting after 5 crashes within 3 min');
  });

  it('says Restarting with the time to the next attempt while a crash restart waits', () => {
    const { container } = render(
      <StateBadge
        plugin={plugin('demo/echo', {
          state: 'stopped',
          process: { ...proc, state: 'backoff', nextRestartAt: Date.now() + 4_500, message: 'exited (code 1); restarting in 5 s' },
        })}
      />,
    );
    expect(badgeOf(container).textContent).toMatch(/^Restarting in [45] s$/);
    expect(badgeOf(container).classList).toContain('badge-restarting');
    expect(badgeOf(container).classList).toContain('badge-moving');
  });
});
