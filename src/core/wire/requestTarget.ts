/**
 * What goes on the request line and in `Host:` for a call, shaped like the Go host's requests:
 * `POST /<Method> HTTP/1.1` with `Host:` = the host part of the plugin's Url.
 */
import { GoPlugError } from '../errors.js';

// Whitespace and control characters (C0, DEL, C1, Unicode line/paragraph separators).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_METHOD = /[\s\u0000-\u001f\u007f-\u009f]/u;

/**
 * The request path for a method. The Go plugin selects the method by the FIRST path segment
 * only, so a name holding `/` would silently call another method; an empty name is `POST /`,
 * which the Go plugin answers with 400. Neither can ever name a method, hence METHOD_NOT_FOUND,
 * raised before anything is sent. Other characters are percent-encoded: the Go server decodes
 * the path before routing, so `main.F[int]` or non-ASCII names arrive intact.
 */
export function methodPath(method: string, plugin: string): string {
  const problem =
    typeof method !== 'string' || method === ''
      ? 'is empty'
      : method.includes('/')
        ? 'contains "/" (only the first path segment selects a method)'
        : FORBIDDEN_IN_METHOD.test(method)
          ? 'contains whitespace or a control character'
          : undefined;
  if (problem !== undefined) {
    throw new GoPlugError(
      'METHOD_NOT_FOUND',
      `Plugin ${plugin}: method name ${JSON.stringify(method)} ${problem}`,
      {
        hint: 'Method names are single path segments such as main.Do, as listed by Activate.',
      },
    );
  }
  return '/' + encodeURIComponent(method);
}

// RFC 3986 reg-name, IP literal and port characters: anything else could break the header.
const SAFE_HOST = /^[A-Za-z0-9\-._~!$&'()*+,;=:%[\]]+$/;

/** Sent when the Url has no usable host part (Go's client would refuse such a Url outright). */
export const FALLBACK_HOST = 'localhost';

/** The host part of a Url such as `unix://TestDo` (-> `TestDo`), case kept as the Go host does. */
export function hostFromUrl(url: string): string {
  const afterScheme = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  const authority = afterScheme === url ? '' : (afterScheme.split(/[/?#]/, 1)[0] ?? '');
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return SAFE_HOST.test(host) ? host : FALLBACK_HOST;
}

/** A media type such as `text/plain; charset=utf-8`: visible ASCII and spaces, nothing that could end the header. */
const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*;\s*[\x20-\x7e]*)?$/;

/** The call's `Content-Type`, checked before anything is sent; undefined keeps the default. */
export function checkedContentType(contentType: string | undefined, plugin: string): string | undefined {
  if (contentType === undefined || (MEDIA_TYPE.test(contentType) && contentType.length <= 256)) return contentType;
  throw new GoPlugError(
    'CONFIG_INVALID',
    `Plugin ${plugin}: Content-Type ${JSON.stringify(contentType.slice(0, 80))} is not a media type such as text/plain`,
    { hint: 'Give a type/subtype, optionally with parameters, in printable ASCII (at most 256 characters).' },
  );
}
