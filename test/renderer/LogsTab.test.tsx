// @vitest-environment jsdom
/**
 * The Logs tab of a plugin launched from its manifest, against the real Studio service and a real
 * plugin process: output appears live, stdout and stderr apart, the search narrows it, Clear
 * empties it. Without a service: the failure says so, live output still shows, and a paused view
 * holds still while new lines are counted.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DetailPane } from '../../src/renderer/components/DetailPane.js';
import { LogsTab } from '../../src/renderer/components/LogsTab.js';
import type { LogLine } from '../../src/shared/contract.js';
import { renderStudio } from './helpers/renderStudio.js';
import { openServiceStudio, type ServiceStudio } from './helpers/serviceStudio.js';
import { plugin } from './helpers/studioData.js';
import { giveElementsASize } from './helpers/jsdomLayout.js';

const ID = 'test/fixture';
const UNTIL = { timeout: 10_000 };

giveElementsASize({ height: 600, width: 800 });

let studio: ServiceStudio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
  cleanup();
});

const output = () => screen.getByRole('list', { name: `Output of ${ID}` });
const texts = () => within(output()).queryAllByRole('listitem').map((li) => li.querySelector('.log-text')?.textContent);

describe('the Logs tab of a launched plugin', () => {
  it('shows its output live, stdout and stderr apart, narrowed by the search, and empty after Clear', async () => {
    const s = (studio = await openServiceStudio({ orphanGuard: false }, { selection: { kind: 'plugin', id: ID }, tab: 'logs' }));
    const env = { FIXTURE_LINES: '3', FIXTURE_STDERR: 'warned' };
    const manifest = { name: 'fixture', namespace: 'test', command: 'node', args: [s.fixturePlugin], env, autoStart: false };
    await s.trust((await s.api.saveManifest({ folder: s.pluginDir, text: JSON.stringify(manifest) })).path);
    s.render(<DetailPane />);

    // Known by its manifest only: a Logs tab, and nothing launched yet.
    // The id is plugin text, isolated in an element of its own within the sentence.
    await screen.findByText((_, el) => el?.tagName === 'P' && /this Studio has not launched test\/fixture/.test(el.textContent), undefined, UNTIL);
    expect(screen.getByRole('tab', { name: 'Logs', selected: true })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(texts()).toEqual(expect.arrayContaining(['line 1', 'line 2', 'line 3', 'warned'])), UNTIL);
    const warned = within(output()).getByText('warned').closest('li');
    expect(warned?.classList).toContain('log-stderr');
    expect(warned?.textContent).toMatch(/^\d\d:\d\d:\d\d\.\d{3}errwarned$/);
    // The supervisor's own lines (the launch) are there too.
    expect(within(output()).getAllByText(/pid \d+/).length).toBeGreaterThan(0);

    const streams = screen.getByRole('group', { name: 'Streams' });
    fireEvent.click(within(streams).getByRole('button', { name: 'stderr' }));
    await waitFor(() => expect(texts()).toEqual(['warned']));
    expect(within(streams).getByRole('button', { name: 'stderr' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(within(streams).getByRole('button', { name: 'stdout' }));
    await waitFor(() => expect(texts()).toEqual(['line 1', 'line 2', 'line 3']));

    fireEvent.click(within(streams).getByRole('button', { name: 'All' }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search logs' }), { target: { value: 'LINE 2' } });
    await waitFor(() => expect(texts()).toEqual(['line 2']));
    expect(within(output()).getByText('line 2', { selector: 'mark' })).toBeTruthy();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search logs' }), { target: { value: '' } });
    await waitFor(() => expect(texts()).toContain('warned'));
    fireEvent.click(screen.getByRole('button', { name: 'Clear logs' }));
    await screen.findByText('No output yet.');
    expect((await s.api.getLogs({ id: ID })).lines).toEqual([]);

    // Leaving the tab lets go of the output.
    act(() => s.store.getState().setTab('overview'));
    expect(s.store.getState().logs[ID]).toBeUndefined();
  });
});

describe('the Logs tab without its first page', () => {
  const line = (seq: number): LogLine => ({ seq, at: 1_700_000_000_000 + seq, stream: 'stdout', text: `line ${seq}` });
  const print = (store: ReturnType<typeof renderStudio>, ...seqs: number[]) =>
    act(() => store.getState().applyBatch([{ type: 'log', id: ID, lines: seqs.map(line) }]));

  it('says why, shows live output anyway, and holds the lines still while paused', async () => {
    const fixture = plugin(ID, { state: 'started', manifestPath: '/p/testfixture.plugin.json' });
    const store = renderStudio(<LogsTab plugin={fixture} />, { plugins: { [ID]: fixture } });
    const failure = await screen.findByRole('group', { name: 'Output unavailable' });
    expect(failure.textContent).toContain('(getLogs)');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();

    print(store, 1, 2);
    expect(texts()).toEqual(['line 1', 'line 2']);
    const follow = screen.getByRole('button', { name: 'Follow' });
    expect(follow.getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(follow);
    print(store, 3, 4);
    expect(texts()).toEqual(['line 1', 'line 2']);
    const jump = screen.getByRole('button', { name: /^Jump to newest/ });
    expect(jump.textContent).toContain('2 new');

    fireEvent.click(jump);
    expect(texts()).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    expect(screen.getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByRole('button', { name: /^Jump to newest/ })).toBeNull();
  });
});
