/**
 * "Copy as curl": a shell command that sends the same request to the plugin's socket, so a
 * console request can be reproduced outside the Studio (or pasted into a bug report).
 */
import { hostFromUrl } from '../core/wire/requestTarget.js';

/** POSIX shell quoting: bare when only safe characters, else single quotes with `'` as `'\''`. */
export function shellQuote(text: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface CurlRequest {
  sock: string;
  url: string;
  method: string;
  body: Buffer;
  /** How the user typed the body: UTF-8 text goes inline, anything else through base64. */
  bodyEncoding: 'utf8' | 'base64';
  /** The body's Content-Type as the request sends it; absent: application/json. */
  contentType?: string | undefined;
}

export function curlCommand(request: CurlRequest): string {
  // Host and path exactly as the registry's wire client sends them (see core/wire/requestTarget.ts).
  const target = `http://${hostFromUrl(request.url)}/${encodeURIComponent(request.method)}`;
  const base = `curl --unix-socket ${shellQuote(request.sock)} -X POST ${shellQuote(target)}`;
  if (request.body.length === 0) return base;
  // The type the request sends (the GoPlug host's JSON by default); curl would otherwise say form-urlencoded.
  const withType = `${base} -H ${shellQuote(`Content-Type: ${request.contentType ?? 'application/json'}`)}`;
  const text = request.body.toString('utf8');
  // Inline only text that survives a shell argument unchanged; curl reads `@x` as a file name.
  if (request.bodyEncoding === 'utf8' && !text.includes('\0') && !text.startsWith('@')) {
    return `${withType} --data-binary ${shellQuote(text)}`;
  }
  return `printf %s ${shellQuote(request.body.toString('base64'))} | base64 -d | ${withType} --data-binary @-`;
}
