/**
 * Source with highlighting, folding, line numbers and issues marked at their lines: read-only, or
 * an editor when `onChange` is given. The view is built once per mount; a new `text` (a reload)
 * replaces its content and new `issues` replace its marks, so an editor keeps its cursor and undo.
 */
import { json } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { editorLook } from '../lib/editorSetup.js';

export interface LineIssue {
  line: number;
  column?: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface CodeViewProps {
  text: string;
  label: string;
  issues: LineIssue[];
  /** Makes the view an editor: called with the whole text after each change. */
  onChange?: (text: string) => void;
  /** An editor's Ctrl/Cmd+S (instead of the browser's "save page"). */
  onSave?: () => void;
}

function toDiagnostics(state: EditorState, issues: LineIssue[]): Diagnostic[] {
  return issues.map((issue) => {
    const line = state.doc.line(Math.min(Math.max(1, issue.line), state.doc.lines));
    const from = issue.column ? Math.min(line.from + issue.column - 1, line.to) : line.from;
    return { from, to: Math.max(from, line.to), severity: issue.severity, message: issue.message };
  });
}

export function CodeView({ text, label, issues, onChange, onSave }: CodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const handlers = useRef({ onChange, onSave });
  useEffect(() => {
    handlers.current = { onChange, onSave };
  });
  const editable = onChange !== undefined;
  // A file written with CRLF is edited and saved with CRLF (CodeMirror would join lines with LF).
  const crlf = text.includes('\r\n');

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [
          editable ? Prec.highest(keymap.of([{ key: 'Mod-s', run: () => (handlers.current.onSave?.(), true) }])) : [],
          basicSetup,
          editorLook,
          json(),
          lintGutter(),
          crlf ? EditorState.lineSeparator.of('\r\n') : [],
          EditorState.readOnly.of(!editable),
          // Go writes a .pconf on one line: wrap it so that it can be read without scrolling.
          EditorView.lineWrapping,
          EditorView.contentAttributes.of(
            editable ? { 'aria-label': label, 'aria-multiline': 'true' } : { 'aria-label': label, 'aria-readonly': 'true' },
          ),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) handlers.current.onChange?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Built once per mount (and kind): text and issues are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label, editable, crlf]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== text) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
    }
  }, [text]);

  useEffect(() => {
    const editor = view.current;
    if (editor) editor.dispatch(setDiagnostics(editor.state, toDiagnostics(editor.state, issues)));
  }, [issues, text]);

  return <div className="editor code-view" ref={host} />;
}
