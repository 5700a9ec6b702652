/**
 * Node's own import(), for a test that must load a file as Node does (the built app's bundle)
 * rather than through vitest's module runner, which would transform it. CommonJS, so that vitest
 * leaves this file alone when the test requires it.
 */
module.exports = (url) => import(url);
