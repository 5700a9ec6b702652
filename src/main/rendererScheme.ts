/**
 * The built Studio page's own scheme: the window loads `goplug-studio://app/index.html`, and the
 * scheme's handler answers only with the files of out/renderer. Unlike `file://`, whose `'self'`
 * admits every file on the disk, the CSP's `'self'` then means our page's files and nothing else.
 * Nothing here imports electron: the handler is a plain fetch-style function (Request in,
 * Response out), which `protocol.handle` takes as is and the tests call directly.
 */
import { readFile } from 'node:fs/promises';
import { BuiltPageFiles } from '../core/builtPageFiles.js';
import { CONTENT_SECURITY_POLICY } from '../shared/contentSecurityPolicy.js';
import { parseUrl } from './parseUrl.js';

export const RENDERER_SCHEME = 'goplug-studio';
export const RENDERER_HOST = 'app';
/** What the production window loads. */
export const RENDERER_ENTRY_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

/**
 * As `protocol.registerSchemesAsPrivileged` takes it: standard (an origin, relative URLs), secure
 * (a secure context, which the clipboard needs) and fetch-able (module scripts, lazy chunks).
 * Not bypassCSP, not corsEnabled, no service workers: the page needs none of them.
 */
export const RENDERER_SCHEME_PRIVILEGES = {
  scheme: RENDERER_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/** Headers on every answer of the scheme, files and refusals alike. */
const COMMON_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function refusal(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/**
 * The scheme's handler for the page built into `rendererDir`. A URL of another host, a method
 * other than GET/HEAD, a path that leaves the folder (`..`, encoded or not, a backslash, a
 * symlink pointing out) or names no regular file gets a refusal, never a file.
 */
export async function rendererSchemeHandler(
  rendererDir: string,
): Promise<(request: Request) => Promise<Response>> {
  const files = await BuiltPageFiles.open(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refusal(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    const url = parseSchemeUrl(request.url);
    if (url === undefined) return refusal(404, 'Not found');
    const file = await files.find(url.pathname);
    if (file === undefined) return refusal(404, 'Not found');
    const headers = {
      ...COMMON_HEADERS,
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Cache-Control': file.isIndex ? 'no-store' : 'no-cache',
    };
    return new Response(request.method === 'HEAD' ? null : await readFile(file.path), {
      status: 200,
      headers,
    });
  };
}

/**
 * A URL of our scheme and host, or undefined. Node parses a non-special scheme's host as opaque
 * (case kept) while Chromium lower-cases a standard scheme's host: compare them lower-cased.
 */
export function parseSchemeUrl(raw: string): URL | undefined {
  const url = parseUrl(raw);
  const ours =
    url !== undefined &&
    url.protocol.toLowerCase() === `${RENDERER_SCHEME}:` &&
    url.host.toLowerCase() === RENDERER_HOST &&
    url.username === '' &&
    url.password === '';
  return ours ? url : undefined;
}
