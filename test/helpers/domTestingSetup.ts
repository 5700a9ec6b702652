/**
 * Component tests (jsdom): findBy and waitFor wait 1 s by default, which a machine busy with the
 * rest of the suite (real processes, Chromium) can spend before React has rendered once. A longer
 * wait costs nothing when the test passes. Node tests do not load the library at all.
 */
if ('document' in globalThis) {
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: 5_000 });
}
