/**
 * The CodeMirror editors, loaded on first use: CodeMirror is most of the script bundle and only
 * the console, the manifest editor and the pconf view need it, so the plugin list paints without
 * it. Until the code arrives a placeholder holds the editor's box; if it never does, a message.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { EditorBoundary } from './EditorBoundary.js';
import { EditorPlaceholder } from './EditorPlaceholder.js';

/** `load` resolves with the editor component; `className` is its box's classes (for the stand-ins). */
export function lazyEditor<P extends { label: string }>(
  load: () => Promise<ComponentType<P>>,
  className: string,
): ComponentType<P> {
  const Editor = lazy(async () => ({ default: await load() }));
  function LazyEditor(props: P) {
    return (
      <EditorBoundary label={props.label} className={className}>
        <Suspense fallback={<EditorPlaceholder label={props.label} className={className} />}>
          <Editor {...props} />
        </Suspense>
      </EditorBoundary>
    );
  }
  return LazyEditor;
}

export const LazyJsonEditor = lazyEditor(async () => (await import('./JsonEditor.js')).JsonEditor, 'editor');
export const LazyCodeView = lazyEditor(
  async () => (await import('./CodeView.js')).CodeView,
  'editor code-view',
);
