/**
 * The CodeMirror editors, loaded on first use: CodeMirror is most of the script bundle and only
 * the console, the manifest editor and the pconf view need it, so the plugin list paints without
 * it. Until the code arrives a placeholder holds the editor's box; if it never does, a message.
 *
 * Not React.lazy: a Suspense boundary that showed its fallback reveals its content no sooner than
 * 300 ms later (React's throttle), which made the first console open ~300 ms slower than the load.
 */
import { useEffect, useReducer, type ComponentType } from 'react';
import { EditorBoundary } from './EditorBoundary.js';
import { EditorPlaceholder } from './EditorPlaceholder.js';

/** `load` resolves with the editor component; `className` is its box's classes (for the stand-ins). */
export function lazyEditor<P extends { label: string }>(
  load: () => Promise<ComponentType<P>>,
  className: string,
): ComponentType<P> & { preload(): void } {
  // Loaded once, for every editor of this kind; a failure stays (a reload of the window retries).
  const code: { editor?: ComponentType<P>; error?: Error; loading?: Promise<void> } = {};
  const start = () =>
    (code.loading ??= load().then(
      (editor) => void (code.editor = editor),
      (error: unknown) => void (code.error = error instanceof Error ? error : new Error(String(error))),
    ));

  function Editor(props: P) {
    const [, loaded] = useReducer((n: number) => n + 1, 0);
    useEffect(() => {
      let mounted = true;
      void start().then(() => mounted && loaded());
      return () => {
        mounted = false;
      };
    }, []);
    // Thrown during rendering so that the boundary shows it in the editor's place.
    if (code.error) throw code.error;
    if (!code.editor) return <EditorPlaceholder label={props.label} className={className} />;
    const Loaded = code.editor;
    return <Loaded {...props} />;
  }

  function LazyEditor(props: P) {
    return (
      <EditorBoundary label={props.label} className={className}>
        <Editor {...props} />
      </EditorBoundary>
    );
  }
  LazyEditor.preload = () => void start();
  return LazyEditor;
}

export const LazyJsonEditor = lazyEditor(async () => (await import('./JsonEditor.js')).JsonEditor, 'editor');
export const LazyCodeView = lazyEditor(
  async () => (await import('./CodeView.js')).CodeView,
  'editor code-view',
);

/**
 * Fetches the editors' code when the page is next idle, so that the tab a user opens after
 * selecting something has it ready (~50 ms sooner than loading it on the click), while the
 * first paint still goes without it.
 */
export function preloadEditors(): void {
  const preload = () => {
    LazyJsonEditor.preload();
    LazyCodeView.preload();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(preload, { timeout: 2_000 });
  else setTimeout(preload, 0);
}
