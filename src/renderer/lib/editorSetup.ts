/**
 * CodeMirror pieces shared by the body editor and the pconf viewer: colours come from the page's
 * CSS variables (so light/dark follow the theme) and tokens get stable `tok-*` classes.
 */
import { syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';

export const editorLook = [
  syntaxHighlighting(classHighlighter),
  EditorView.theme({
    '&': { color: 'var(--text)', backgroundColor: 'var(--bg)', fontSize: '13px', height: '100%' },
    '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
    '.cm-content': { caretColor: 'var(--text)' },
    '.cm-gutters': { backgroundColor: 'var(--bg-subtle)', color: 'var(--text-muted)', borderRight: '1px solid var(--border)' },
    '.cm-activeLine': { backgroundColor: 'var(--row-hover)' },
    '.cm-activeLineGutter': { backgroundColor: 'var(--row-hover)' },
    '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
    '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': {
      backgroundColor: 'var(--selection)',
    },
    '.cm-cursor': { borderLeftColor: 'var(--text)' },
    '.cm-tooltip': { backgroundColor: 'var(--bg-raised)', color: 'var(--text)', border: '1px solid var(--border)' },
  }),
];
