// @vitest-environment jsdom
/**
 * Adding a watched folder from the page against the real Studio service (issue 14 §4): a relative
 * path is refused with the reason in a toast; a missing folder is offered to be created, and once
 * created it is watched, with one toast for the one action.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderInput } from '../../src/renderer/components/FolderInput.js';
import { openServiceStudio, type ServiceStudio } from './helpers/serviceStudio.js';

let studio: ServiceStudio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
  cleanup();
});

describe('FolderInput', () => {
  it('refuses a relative path, offers to create a missing folder, and watches it once created', async () => {
    const s = (studio = await openServiceStudio({ orphanGuard: false }));
    s.render(<FolderInput />);
    await waitFor(() => expect(s.store.getState().settings).not.toBeNull());
    const input = screen.getByRole('textbox', { name: 'Folder path' });
    const add = screen.getByRole('button', { name: 'Add a folder' });

    fireEvent.change(input, { target: { value: 'plugins' } });
    fireEvent.click(add);
    await waitFor(() =>
      expect(s.store.getState().toasts.at(-1)?.message).toBe(
        'Folder not added: addFolder: "plugins" is not an absolute path',
      ),
    );

    // Inside the plugin folder, so that it goes with it.
    const missing = `${s.pluginDir}/more/new`;
    fireEvent.change(input, { target: { value: missing } });
    fireEvent.click(add);
    const offer = await screen.findByRole('status');
    expect(offer.textContent).toContain(`${missing} does not exist.`);
    const toasts = s.store.getState().toasts.length;
    fireEvent.click(screen.getByRole('button', { name: 'Create it' }));
    await waitFor(() => expect(s.store.getState().settings?.folders).toEqual([s.pluginDir, missing]));
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect((input as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(s.store.getState().toasts.length).toBe(toasts + 1));
    expect(s.store.getState().toasts.at(-1)?.message).toBe(`Watching ${missing} (created)`);
  });
});
