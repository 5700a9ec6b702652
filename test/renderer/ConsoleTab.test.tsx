// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleTab } from '../../src/renderer/components/ConsoleTab.js';
import { renderStudio } from './helpers/renderStudio.js';
import { plugin } from './helpers/studioData.js';
import { giveRangesRects } from './helpers/jsdomLayout.js';

giveRangesRects();
afterEach(cleanup);

const echo = plugin('demo/echo', { state: 'started', methods: ['Echo', 'Upper'], sock: '/run/demo/echo.sock' });
const plugins = { 'demo/echo': echo, 'demo/clock': plugin('demo/clock') };

describe('ConsoleTab', () => {
  it('offers the plugins by id, the methods from Activate, and shows the target', () => {
    renderStudio(<ConsoleTab plugin={echo} />, { plugins, selection: { kind: 'plugin', id: 'demo/echo' } });
    const picker = screen.getByRole('combobox', { name: 'Plugin' }) as HTMLSelectElement;
    expect(picker.value).toBe('demo/echo');
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['demo/clock', 'demo/echo']);

    const method = screen.getByRole('combobox', { name: 'Method' }) as HTMLInputElement;
    fireEvent.focus(method);
    const list = screen.getByRole('listbox', { name: 'Method' });
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['Echo', 'Upper']);

    fireEvent.change(method, { target: { value: 'Upper' } });
    expect(screen.getByText('unix:/run/demo/echo.sock:/Upper')).toBeTruthy();
  });

  it('has a body editor named "Request body" that the user can type into', async () => {
    const store = renderStudio(<ConsoleTab plugin={echo} />, { plugins });
    // The editor's code loads on first use (a placeholder holds its place meanwhile): a chunk
    // import that takes longer than findByRole's 1 s default when the machine is loaded.
    const editor = await screen.findByRole('textbox', { name: 'Request body' }, { timeout: 15_000 });
    expect(editor.getAttribute('contenteditable')).toBe('true');
    // Empty: a `{}` to type into sent `{}hello` (issue 15).
    expect(editor.textContent).toBe('');
    // Restoring a body (e.g. from history) shows it in the editor.
    store.getState().updateConsole('demo/echo', { body: '{"restored":true}' });
    await waitFor(() => expect(editor.textContent).toBe('{"restored":true}'));
  });

  it('says in the response pane, not in a dialog, that a method is needed', () => {
    renderStudio(<ConsoleTab plugin={echo} />, { plugins });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const response = screen.getByRole('region', { name: 'Response' });
    expect(within(response).getAllByText('NO_METHOD').length).toBeGreaterThan(0);
    expect(within(response).getByText('Pick a method from the list or type its name.')).toBeTruthy();
  });
});
