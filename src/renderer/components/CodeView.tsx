/** Read-only source with highlighting, folding, line numbers and issues marked at their lines. */
import { json } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
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
}

function toDiagnostics(state: EditorState, issues: LineIssue[]): Diagnostic[] {
  return issues.map((issue) => {
    const line = state.doc.line(Math.min(Math.max(1, issue.line), state.doc.lines));
    const from = issue.column ? Math.min(line.from + issue.column - 1, line.to) : line.from;
    return { from, to: Math.max(from, line.to), severity: issue.severity, message: issue.message };
  });
}

export function CodeView({ text, label, issues }: CodeViewProps) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!host.current) return;
    const state = EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        editorLook,
        json(),
        lintGutter(),
        EditorState.readOnly.of(true),
        // Go writes a .pconf on one line: wrap it so that it can be read without scrolling.
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label, 'aria-readonly': 'true' }),
      ],
    });
    const view = new EditorView({ state, parent: host.current });
    view.dispatch(setDiagnostics(view.state, toDiagnostics(view.state, issues)));
    return () => view.destroy();
  }, [text, label, issues]);

  return <div className="editor code-view" ref={host} />;
}
