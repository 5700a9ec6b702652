/** Our page's scheme in Electron: declared privileged before ready, then served from out/renderer. */
import { protocol } from 'electron';
import { RENDERER_SCHEME, RENDERER_SCHEME_PRIVILEGES, rendererSchemeHandler } from './rendererScheme.js';

/** Must run before the app is ready (Electron reads scheme privileges once, at start-up). */
export function declareRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([RENDERER_SCHEME_PRIVILEGES]);
}

/** Once ready: the default session (our window's) answers the scheme with the built page's files. */
export async function serveRendererScheme(rendererDir: string): Promise<void> {
  protocol.handle(RENDERER_SCHEME, await rendererSchemeHandler(rendererDir));
}
