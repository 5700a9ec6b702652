// @vitest-environment jsdom
/**
 * The editors load their code on first use. While it loads, a placeholder holds the editor's box;
 * when it cannot be loaded (the browser's import() rejects, e.g. the file is gone after a rebuild),
 * the editor's place says so and the rest of the page keeps working. The loaders here are the
 * real editor module, handed over when the test says, or an import that fails as a browser's does.
 */
import { cleanup, render, screen } from '@testing-library/react';
import type { ComponentType } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonEditor, type JsonEditorProps } from '../../src/renderer/components/JsonEditor.js';
import { lazyEditor } from '../../src/renderer/components/lazyEditors.js';
import { giveRangesRects } from './helpers/jsdomLayout.js';

giveRangesRects();
afterEach(cleanup);

const props: JsonEditorProps = {
  value: '{"a": 1}',
  mode: 'json',
  label: 'Request body',
  onChange: () => {},
  onSubmit: () => {},
};

describe('an editor loaded on first use', () => {
  it('holds its box with a placeholder named like the editor, then shows the editor', async () => {
    let arrive!: (editor: ComponentType<JsonEditorProps>) => void;
    const Editor = lazyEditor(
      () => new Promise<ComponentType<JsonEditorProps>>((resolve) => (arrive = resolve)),
      'editor',
    );
    render(<Editor {...props} />);

    const placeholder = screen.getByRole('status', { name: 'Request body' });
    expect(placeholder.textContent).toBe('Loading the editor…');
    expect(placeholder.classList).toContain('editor');
    expect(screen.queryByRole('textbox')).toBeNull();

    arrive(JsonEditor);
    const editor = await screen.findByRole('textbox', { name: 'Request body' });
    expect(editor.textContent).toBe('{"a": 1}');
    expect(screen.queryByRole('status', { name: 'Request body' })).toBeNull();

    // Loaded once: the next editor of the kind shows at once, without a placeholder.
    cleanup();
    render(<Editor {...props} label="Manifest JSON" />);
    expect(screen.getByRole('textbox', { name: 'Manifest JSON' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it("says in the editor's place, not with a blank pane, that its code could not be loaded", async () => {
    const failure = new TypeError(
      'Failed to fetch dynamically imported module: http://127.0.0.1:4000/assets/JsonEditor-x.js',
    );
    const Editor = lazyEditor<JsonEditorProps>(() => Promise.reject(failure), 'editor');
    render(
      <div>
        <Editor {...props} />
        <button type="button">Send</button>
      </div>,
    );

    const alert = await screen.findByRole('alert', { name: 'Request body' });
    expect(alert.classList).toContain('editor');
    expect(alert.textContent).toContain('EDITOR_NOT_LOADED');
    expect(alert.textContent).toContain(`The editor could not be loaded: ${failure.message}`);
    expect(alert.textContent).toContain('Reload the window to try again.');
    expect(screen.getByRole('button', { name: 'Reload the window' })).toBeTruthy();
    // Only the editor's place is taken: the rest of the page is still there.
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
  });
});
