// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HistoryList, SHOWN_BODY_CHARS } from '../../src/renderer/components/HistoryList.js';
import type { HistoryEntry } from '../../src/shared/contract.js';

afterEach(cleanup);

const at = Date.now();
const entry = (fields: Partial<HistoryEntry> & Pick<HistoryEntry, 'id' | 'method'>): HistoryEntry => ({
  body: '',
  bodyEncoding: 'utf8',
  status: 200,
  errorCode: null,
  durationMs: 3,
  at,
  ...fields,
});

const ENTRIES = [
  entry({ id: 'a', method: 'Set', body: '{"key":"colour","value":"teal"}', at: at - 3000 }),
  entry({ id: 'b', method: 'Get', body: '{"key":"colour"}', status: 404, at: at - 2000 }),
  entry({
    id: 'c',
    method: 'Delay',
    body: '600000',
    status: null,
    errorCode: 'CANCELLED',
    cancelled: true,
    at: at - 1000,
  }),
  entry({ id: 'd', method: 'Upload', body: 'AAEC/w==', bodyEncoding: 'base64', at }),
];

function renderList(entries = ENTRIES) {
  const onRestore = vi.fn();
  render(<HistoryList entries={entries} onRestore={onRestore} onRerun={() => {}} onClear={() => {}} />);
  return { onRestore };
}

const methods = () =>
  within(screen.getByRole('region', { name: 'History' }))
    .queryAllByRole('listitem')
    .map((row) => row.querySelector('.history-method')?.textContent);

describe('HistoryList', () => {
  it('lists newest first, a cancelled request as Cancelled (not as a failure)', () => {
    renderList();
    expect(methods()).toEqual(['Upload', 'Delay', 'Get', 'Set']);
    const cancelled = screen.getByText('Cancelled');
    expect(cancelled.className).toContain('pill-neutral');
    expect(cancelled.getAttribute('title')).toBe('You cancelled the request');
    expect(screen.queryByText('CANCELLED')).toBeNull();
  });

  it('searches by method, body and status, case-insensitively; Escape clears the search', async () => {
    renderList();
    const search = screen.getByRole('searchbox', { name: 'Search history' });
    fireEvent.change(search, { target: { value: 'COLOUR' } });
    await waitFor(() => expect(methods()).toEqual(['Get', 'Set']));
    expect(screen.getByText('2 of 4')).toBeTruthy();
    fireEvent.change(search, { target: { value: '404' } });
    await waitFor(() => expect(methods()).toEqual(['Get']));
    fireEvent.change(search, { target: { value: 'cancelled' } });
    await waitFor(() => expect(methods()).toEqual(['Delay']));
    fireEvent.change(search, { target: { value: 'nothing like it' } });
    await waitFor(() => expect(screen.getByText('No request matches the search.')).toBeTruthy());
    fireEvent.keyDown(search, { key: 'Escape' });
    await waitFor(() => expect(methods()).toEqual(['Upload', 'Delay', 'Get', 'Set']));
  });

  it('shows each request’s body on demand: text as text, bytes that are not text as base64, long ones cut', () => {
    const long = 'x'.repeat(SHOWN_BODY_CHARS + 10);
    const { onRestore } = renderList([
      ...ENTRIES,
      entry({ id: 'e', method: 'Long', body: long, at: at + 1 }),
    ]);
    const toggle = screen.getByRole('button', { name: 'Body of Set' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('{"key":"colour","value":"teal"}')).toBeTruthy();
    expect(onRestore).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Body of Upload' }));
    expect(screen.getByText('Not text: 4 B as base64.')).toBeTruthy();
    expect(screen.getByText('AAEC/w==')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Body of Long' }));
    expect(screen.getByText('x'.repeat(SHOWN_BODY_CHARS))).toBeTruthy();
    expect(screen.getByText(/the rest comes back with Restore/)).toBeTruthy();
  });
});
