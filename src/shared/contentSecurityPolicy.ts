/**
 * The Studio page's Content-Security-Policy, one list for every way the page is delivered: the
 * web server's header, Electron's header, and the <meta> in src/renderer/index.html (which
 * cannot carry frame-ancestors; test/electron/contentSecurityPolicy.test.ts keeps it in step).
 * The page loads only its own files and talks only to where it came from.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  // CodeMirror and React set inline styles; scripts never get 'unsafe-inline'.
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['connect-src', ["'self'"]],
  ['img-src', ["'self'", 'data:']],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
];

/** Directives a <meta> element cannot deliver (browsers ignore them there, with a warning). */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ['frame-ancestors'];

export function formatCsp(directives: ReadonlyArray<readonly [string, readonly string[]]>): string {
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

export const CONTENT_SECURITY_POLICY = formatCsp(CSP_DIRECTIVES);
