/**
 * Which built-in or method a request path selects, as the Go plugin decides it: only the first
 * path segment counts (`/main.Do/extra?q=1` calls `main.Do`), the HTTP verb is ignored, and a
 * path that is not clean (`//Activate`) is answered with a 301 to its clean form, like Go's
 * ServeMux does.
 */
import { posix } from 'node:path';

export type Route =
  | { kind: 'call'; name: string }
  | { kind: 'redirect'; location: string }
  /** Empty path or undecodable percent-escapes: the Go plugin answers 400. */
  | { kind: 'bad' };

/** `/<name>` with nothing to decode or clean: what hosts send on every call. */
const PLAIN_TARGET = /^\/[\w.~-]+$/;

export function routeRequest(requestTarget: string): Route {
  // The fast path skips decoding and cleaning, which cost more than the rest of a small call.
  if (PLAIN_TARGET.test(requestTarget) && requestTarget !== '/.' && requestTarget !== '/..') {
    return { kind: 'call', name: requestTarget.slice(1) };
  }
  const target = originForm(requestTarget);
  if (target === undefined) return { kind: 'bad' };
  const queryAt = target.indexOf('?');
  const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? '' : target.slice(queryAt);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad' };
  }
  const clean = cleanPath(path);
  if (clean !== path) return { kind: 'redirect', location: encodeURI(clean) + query };
  const name = clean.split('/')[1] ?? '';
  return name === '' ? { kind: 'bad' } : { kind: 'call', name };
}

/** `http://host/Ping?x` (absolute form, allowed by HTTP/1.1) becomes `/Ping?x`. */
function originForm(target: string): string | undefined {
  if (target.startsWith('/')) return target;
  try {
    const url = new URL(target);
    return url.pathname + url.search;
  } catch {
    return undefined;
  }
}

/**
 * Go's net/http cleanPath for a rooted path: `.`, `..` and `//` resolved, a trailing slash
 * kept. posix.normalize does exactly that (a leading "//" collapses to "/" too).
 */
function cleanPath(rootedPath: string): string {
  return posix.normalize(rootedPath);
}
