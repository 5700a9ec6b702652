/** The CodeMirror editors of a rendered page, as a test types into and reads them. */
import { EditorView } from '@codemirror/view';
import { act, screen } from '@testing-library/react';

function editorNamed(name: string): EditorView {
  const view = EditorView.findFromDOM(screen.getByRole('textbox', { name }));
  if (!view) throw new Error(`${name} is not a CodeMirror editor`);
  return view;
}

/** Replaces the whole text of the CodeMirror editor named `name`, as typing would. */
export function typeInto(name: string, text: string): void {
  const view = editorNamed(name);
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }));
}

/** The whole text of the CodeMirror editor (or read-only view) named `name`. */
export function editorText(name: string): string {
  return editorNamed(name).state.doc.toString();
}
