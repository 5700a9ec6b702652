// @vitest-environment jsdom
/**
 * Settings > Launch manifests against the real Studio service and real folders: the manifests
 * are listed, an edit the service refuses says why beside the text, a new one is saved under the
 * name its NameSpace and Name give, and one is deleted. A file with a problem says what it is.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ManifestItem } from '../../src/renderer/components/ManifestItem.js';
import { SettingsPage } from '../../src/renderer/components/SettingsPage.js';
import { typeInto } from './helpers/codeMirror.js';
import { serviceStudioPerTest } from './helpers/serviceStudio.js';
import { giveRangesRects } from './helpers/jsdomLayout.js';

const UNTIL = { timeout: 10_000 };

giveRangesRects();

const openStudio = serviceStudioPerTest();

const section = () => screen.getByRole('list', { name: 'Launch manifests' });
const listed = () => within(section()).queryAllByRole('listitem').map((li) => li.getAttribute('aria-label'));

describe('Settings: launch manifests', () => {
  it('lists them, refuses a bad edit with the reason, saves a new one and deletes it', async () => {
    const s = await openStudio({ orphanGuard: false });
    const firstText = JSON.stringify({ name: 'fixture', namespace: 'test', command: 'node', args: ['fixture.js'], autoStart: false });
    const { path: good } = await s.api.saveManifest({ folder: s.pluginDir, text: firstText });
    await waitFor(() => expect(s.store.getState().settings).not.toBeNull(), UNTIL);
    s.render(<SettingsPage />);

    await waitFor(() => expect(listed()).toEqual(['testfixture.plugin.json']), UNTIL);
    expect(within(section()).getByRole('listitem', { name: 'testfixture.plugin.json' }).textContent).toContain(
      'launches test/fixture',
    );

    // Changed elsewhere after it was listed: Edit opens the file as it is now.
    const goodText = `${JSON.stringify({ name: 'fixture', namespace: 'test', command: 'node', args: ['fixture2.js'], autoStart: false })}\n`;
    await s.api.saveManifest({ folder: s.pluginDir, text: goodText });

    // An edit with a typo: the service's check says what is wrong, and the file stays as it was.
    fireEvent.click(screen.getByRole('button', { name: 'Edit testfixture.plugin.json' }));
    const editor = await screen.findByRole('region', { name: 'Edit testfixture.plugin.json' }, UNTIL);
    expect((await within(editor).findByRole('textbox', { name: 'Manifest JSON' }, UNTIL)).textContent).toBe(goodText.trim());
    typeInto('Manifest JSON', '{"name": "fixture", "namespace": "test", "command": "node", "autostart": true}');
    fireEvent.click(within(editor).getByRole('button', { name: 'Save manifest' }));
    const refused = await within(editor).findByRole('group', { name: 'Not saved' }, UNTIL);
    expect(refused.textContent).toContain('unknown field "autostart" (did you mean "autoStart"?)');
    expect(refused.textContent).toContain('CONFIG_INVALID');
    expect((await s.api.listManifests({}))[0]?.text).toBe(goodText);
    typeInto('Manifest JSON', '{"name": "fixture", "namespace": "test", "command": "node",');
    expect(within(editor).getByText(/^Not valid JSON yet/)).toBeTruthy();
    fireEvent.click(within(editor).getByRole('button', { name: 'Cancel' }));

    // A new one: named from its NameSpace and Name, listed, and the registry knows the plugin.
    fireEvent.click(screen.getByRole('button', { name: 'New manifest' }));
    const creating = screen.getByRole('region', { name: 'New launch manifest' });
    expect((within(creating).getByRole('combobox', { name: 'Folder' }) as HTMLSelectElement).value).toBe(s.pluginDir);
    fireEvent.click(within(creating).getByRole('button', { name: 'Save manifest' }));
    const created = `${s.pluginDir}/myplugin.plugin.json`;
    await screen.findByText(`Saved ${created}`, {}, UNTIL);
    await waitFor(() => expect(listed()).toEqual(['myplugin.plugin.json', 'testfixture.plugin.json']), UNTIL);
    await waitFor(() => expect(s.store.getState().plugins.myplugin?.state).toBe('stopped'), UNTIL);

    const item = within(section()).getByRole('listitem', { name: 'myplugin.plugin.json' });
    fireEvent.click(within(item).getByRole('button', { name: 'Delete myplugin.plugin.json' }));
    fireEvent.click(within(item).getByRole('button', { name: 'Delete file' }));
    await waitFor(() => expect(listed()).toEqual(['testfixture.plugin.json']), UNTIL);
    expect((await s.api.listManifests({})).map((m) => m.path)).toEqual([good]);
  });
});

describe('a manifest with a problem', () => {
  it('says what is wrong and where, in the warning colour; one that cannot be read cannot be edited', () => {
    const path = '/plugins/broken.plugin.json';
    const problem = {
      path,
      fileName: 'broken.plugin.json',
      kind: 'invalid' as const,
      reason: 'broken.plugin.json: restart must be one of "no", "on-failure", "always"',
      line: 4,
      column: 14,
    };
    const file = { path, fileName: 'broken.plugin.json', folder: '/plugins', text: null, id: null, manifest: null, problem };
    render(
      <ul>
        <ManifestItem file={file} onEdit={() => {}} onDelete={async () => true} />
      </ul>,
    );
    const item = screen.getByRole('listitem', { name: 'broken.plugin.json' });
    expect(item.classList).toContain('has-problem');
    expect(item.textContent).toContain('restart must be one of "no", "on-failure", "always" (line 4:14)');
    expect((screen.getByRole('button', { name: 'Edit broken.plugin.json' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
