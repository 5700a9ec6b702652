/**
 * The request body editor: CodeMirror with JSON highlighting and linting as you type (a marker in
 * the gutter, never a dialog), or plain text in raw mode. Ctrl/Cmd+Enter submits.
 */
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { lintGutter, linter } from '@codemirror/lint';
import { Compartment, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { editorLook } from '../lib/editorSetup.js';
import type { BodyMode } from '../store/types.js';

export interface JsonEditorProps {
  value: string;
  mode: BodyMode;
  label: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
}

const modeExtensions = (mode: BodyMode) => (mode === 'json' ? [json(), linter(jsonParseLinter(), { delay: 150 }), lintGutter()] : []);

export function JsonEditor({ value, mode, label, onChange, onSubmit }: JsonEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  // The editor is built once; these refs let it call the latest handlers.
  const handlers = useRef({ onChange, onSubmit });
  useEffect(() => {
    handlers.current = { onChange, onSubmit };
  });

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      doc: value,
      extensions: [
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (handlers.current.onSubmit(), true) }])),
        basicSetup,
        editorLook,
        language.current.of(modeExtensions(mode)),
        EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) handlers.current.onChange(update.state.doc.toString());
        }),
      ],
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Built once per mount: value, mode and label updates are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(modeExtensions(mode)) });
  }, [mode]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div className="editor" ref={host} />;
}
