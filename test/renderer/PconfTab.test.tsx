// @vitest-environment jsdom
/**
 * The pconf view against the real Studio service and a real watched folder: a problem file's
 * message is shown once, the file is shown as written or formatted, and it is fixed in place with
 * live validation at line and column; the service refuses an invalid text until "Save anyway" and
 * a file changed on disk until it is reloaded; once fixed, the plugin appears.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DetailPane } from '../../src/renderer/components/DetailPane.js';
import { PconfTab } from '../../src/renderer/components/PconfTab.js';
import { renderStudio } from './helpers/renderStudio.js';
import { giveRangesRects } from './helpers/jsdomLayout.js';
import { editorText, typeInto } from './helpers/codeMirror.js';
import { serviceStudioPerTest, type ServiceStudio } from './helpers/serviceStudio.js';

const UNTIL = { timeout: 10_000 };
const BROKEN = '{\n  "Name": "fixme",\n  "NameSpace": "test",\n  "LazyLoad": "yes"\n}\n';
const MESSAGE = 'LazyLoad must be a boolean (found string "yes")';

giveRangesRects();

const openStudio = serviceStudioPerTest();

/** Node's fs, loaded at run time by name: the renderer's type-check knows no Node (see serviceStudio.tsx). */
const NODE_FS = 'node:fs/promises';
async function fs() {
  return (await import(/* @vite-ignore */ NODE_FS)) as {
    writeFile(path: string, text: string): Promise<void>;
    readFile(path: string, encoding: 'utf8'): Promise<string>;
  };
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

/** A broken .pconf in the watched folder, selected in the Problems group. */
async function openProblem(s: ServiceStudio): Promise<{ path: string; pconf: HTMLElement }> {
  const path = `${s.pluginDir}/testfixme.pconf`;
  await (await fs()).writeFile(path, BROKEN);
  await waitFor(() => expect(s.store.getState().problems[path]).toBeDefined(), UNTIL);
  act(() => s.store.getState().select({ kind: 'problem', path }));
  s.render(<DetailPane />);
  const pconf = await screen.findByRole('region', { name: 'pconf' }, UNTIL);
  await within(pconf).findByRole('list', { name: 'Issues' }, UNTIL);
  return { path, pconf };
}

describe('the pconf view of a problem file', () => {
  it('shows the message once, the file as written or formatted, and in web mode the path to copy', async () => {
    const s = await openStudio({ orphanGuard: false });
    const { pconf } = await openProblem(s);
    const detail = screen.getByRole('region', { name: 'testfixme.pconf' });
    expect(occurrences(detail.textContent ?? '', MESSAGE)).toBe(1);
    const issue = within(pconf).getByRole('list', { name: 'Issues' }).textContent;
    expect(issue).toBe(`Error line 4:15 wrong types: ${MESSAGE}; Sock is required`);

    await within(pconf).findByRole('textbox', { name: 'Contents of testfixme.pconf' }, UNTIL);
    expect(editorText('Contents of testfixme.pconf')).toBe(BROKEN);
    fireEvent.click(within(pconf).getByRole('button', { name: 'Formatted' }));
    await within(pconf).findByRole('textbox', { name: 'Formatted testfixme.pconf' }, UNTIL);
    expect(editorText('Formatted testfixme.pconf')).toBe(BROKEN.trimEnd());
    expect(within(pconf).getByRole('button', { name: 'Formatted' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(within(pconf).getByText('The issues give the lines of the file as written.')).toBeTruthy();
    // Web mode: no desktop editor, the path to copy instead.
    expect(within(pconf).queryByRole('button', { name: 'Open in your editor' })).toBeNull();
    expect(within(pconf).getByRole('button', { name: 'Copy path' })).toBeTruthy();
  });

  it('is fixed in place: live validation at line and column, then saved, and the plugin appears', async () => {
    const s = await openStudio({ orphanGuard: false });
    const { path, pconf } = await openProblem(s);
    fireEvent.click(within(pconf).getByRole('button', { name: 'Edit the file' }));
    await within(pconf).findByRole('textbox', { name: 'Edit testfixme.pconf' }, UNTIL);
    expect(editorText('Edit testfixme.pconf')).toBe(BROKEN);

    typeInto('Edit testfixme.pconf', '{\n  "Name": "fixme",\n  "Sock" "/tmp/x.sock"\n}\n');
    await waitFor(
      () =>
        expect(within(pconf).getByRole('list', { name: 'Issues' }).textContent).toMatch(
          /^Error line 3:10 invalid JSON at line 3 column 10/,
        ),
      UNTIL,
    );
    expect(within(pconf).getByText('Not a valid .pconf yet.')).toBeTruthy();

    const sock = `${s.pluginDir}/fixme.sock`;
    const good = `{\n  "Name": "fixme",\n  "NameSpace": "test",\n  "Sock": ${JSON.stringify(sock)},\n  "LazyLoad": true\n}\n`;
    typeInto('Edit testfixme.pconf', good);
    await within(pconf).findByText('A valid .pconf.', {}, UNTIL);
    expect(within(pconf).queryByRole('list', { name: 'Issues' })).toBeNull();

    fireEvent.click(within(pconf).getByRole('button', { name: 'Save' }));
    await within(pconf).findByRole('status', {}, UNTIL);
    expect(await (await fs()).readFile(path, 'utf8')).toBe(good);
    await waitFor(() => expect(s.store.getState().problems[path]).toBeUndefined(), UNTIL);
    await waitFor(() => expect(s.store.getState().plugins['test/fixme']?.state).toBe('discovered'), UNTIL);
    fireEvent.click(await screen.findByRole('button', { name: 'Open plugin test/fixme' }, UNTIL));
    expect(s.store.getState().selection).toEqual({ kind: 'plugin', id: 'test/fixme' });
  });

  it('refuses an invalid text until "Save anyway", and a file changed on disk until it is reloaded', async () => {
    const s = await openStudio({ orphanGuard: false });
    const { path, pconf } = await openProblem(s);
    fireEvent.click(within(pconf).getByRole('button', { name: 'Edit the file' }));
    await within(pconf).findByRole('textbox', { name: 'Edit testfixme.pconf' }, UNTIL);
    const still = '{"Name": "fixme", "Sock": 42}';
    typeInto('Edit testfixme.pconf', still);
    // Ctrl+S in the editor saves, as the Save button does.
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Edit testfixme.pconf' }), {
      key: 's',
      ctrlKey: true,
    });
    const refused = await within(pconf).findByRole('group', { name: 'Not saved' }, UNTIL);
    expect(refused.textContent).toContain('CONFIG_INVALID');
    expect(refused.textContent).toContain('Sock must be a string');
    expect(await (await fs()).readFile(path, 'utf8')).toBe(BROKEN);
    fireEvent.click(within(pconf).getByRole('button', { name: 'Save anyway' }));
    await within(pconf).findByText(/not valid: it stays among the problems until it is\./, {}, UNTIL);
    expect(await (await fs()).readFile(path, 'utf8')).toBe(still);

    // Edited again, while something else writes the file: the save is refused, the disk kept.
    await waitFor(
      () => expect(s.store.getState().problems[path]?.reason).toContain('Sock must be a string'),
      UNTIL,
    );
    fireEvent.click(await within(pconf).findByRole('button', { name: 'Edit the file' }, UNTIL));
    await within(pconf).findByRole('textbox', { name: 'Edit testfixme.pconf' }, UNTIL);
    await (await fs()).writeFile(path, BROKEN.replace('fixme', 'other'));
    typeInto('Edit testfixme.pconf', '{"Name": "mine"}');
    fireEvent.click(within(pconf).getByRole('button', { name: 'Save' }));
    const changed = await within(pconf).findByRole('group', { name: 'Not saved' }, UNTIL);
    expect(changed.textContent).toContain('FILE_CHANGED');
    expect(changed.textContent).toContain('changed on disk since it was loaded');
    expect(within(pconf).getByRole('button', { name: 'Copy my edit' })).toBeTruthy();
    fireEvent.click(within(pconf).getByRole('button', { name: 'Discard my edit and reload' }));
    await within(pconf).findByRole('textbox', { name: 'Contents of testfixme.pconf' }, UNTIL);
    await waitFor(() => expect(editorText('Contents of testfixme.pconf')).toContain('"other"'), UNTIL);
  });
});

describe('the pconf view while another file is selected', () => {
  it('shows that file, never the edit begun on the other one', async () => {
    const s = await openStudio({ orphanGuard: false });
    const { pconf } = await openProblem(s);
    fireEvent.click(within(pconf).getByRole('button', { name: 'Edit the file' }));
    await within(pconf).findByRole('textbox', { name: 'Edit testfixme.pconf' }, UNTIL);
    typeInto('Edit testfixme.pconf', '{"Name": "begun"}');

    const other = `${s.pluginDir}/testother.pconf`;
    await (await fs()).writeFile(other, BROKEN.replace('fixme', 'other'));
    await waitFor(() => expect(s.store.getState().problems[other]).toBeDefined(), UNTIL);
    act(() => s.store.getState().select({ kind: 'problem', path: other }));
    await screen.findByRole('textbox', { name: 'Contents of testother.pconf' }, UNTIL);
    expect(editorText('Contents of testother.pconf')).toContain('"other"');
    expect(screen.queryByRole('textbox', { name: /^Edit / })).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit the file' })).toBeTruthy();
  });
});

describe('open in your editor', () => {
  it('is offered where the platform can, and a failure says which file', async () => {
    const store = renderStudio(<PconfTab path="/home/dev/plugins/x.pconf" />, {
      platform: { kind: 'electron', canPickFolder: true, canReveal: true, canOpenInEditor: true },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Open in your editor' }));
    await waitFor(() =>
      expect(store.getState().toasts.map((t) => t.message)).toContain(
        'Could not open /home/dev/plugins/x.pconf in your editor: no Studio service in this test (openInEditor)',
      ),
    );
  });
});
