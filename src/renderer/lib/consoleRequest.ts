/**
 * What a console request is made of besides its method: the body's Content-Type from the body
 * mode, the deadline the person typed, a body read from a file they picked, and the id that lets
 * them cancel it.
 */
import { MAX_CONSOLE_BODY_CHARS } from '../../shared/limits.js';
import type { BodyMode } from '../store/types.js';
import { decodeUtf8 } from './bytes.js';
import { formatBytes } from './format.js';

export const RAW_TEXT_TYPE = 'text/plain; charset=utf-8';
export const BINARY_TYPE = 'application/octet-stream';

/**
 * The Content-Type a request sends: JSON mode leaves GoPlug's default (application/json, as the Go
 * host sends); Raw mode is text, or bytes when the body is base64.
 */
export function requestContentType(mode: BodyMode, bodyEncoding: 'utf8' | 'base64'): string | undefined {
  if (mode === 'json') return undefined;
  return bodyEncoding === 'base64' ? BINARY_TYPE : RAW_TEXT_TYPE;
}

/** The largest deadline the service takes (contract: execute.timeoutMs). */
export const MAX_TIMEOUT_S = 3600;

/** The typed deadline in ms: undefined for '' (the Settings default), an error text when it is no deadline. */
export function parseTimeout(
  text: string,
): { ok: true; ms: number | undefined } | { ok: false; reason: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, ms: undefined };
  const seconds = Number(trimmed);
  if (!Number.isFinite(seconds) || seconds < 0.001 || seconds > MAX_TIMEOUT_S) {
    return {
      ok: false,
      reason: `Timeout ${JSON.stringify(trimmed)}: give seconds from 0.001 to ${MAX_TIMEOUT_S}, or leave it empty for the default from Settings.`,
    };
  }
  return { ok: true, ms: Math.max(1, Math.round(seconds * 1000)) };
}

/** An id for cancelling a request. getRandomValues, unlike randomUUID, needs no secure context. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface PickedBody {
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  mode: BodyMode;
}

export type FileBody = ({ ok: true } & PickedBody) | { ok: false; reason: string };

/**
 * A picked file as the request body: UTF-8 text as it is (JSON mode when it parses as JSON),
 * anything else as base64 in Raw mode. Refused, with its size, when it would exceed what the
 * console sends (MAX_CONSOLE_BODY_CHARS); a file far too large is not even read.
 */
export async function readFileBody(file: Blob & { name: string }): Promise<FileBody> {
  const tooLarge = (as?: string) => ({
    ok: false as const,
    reason:
      `${file.name} (${formatBytes(file.size)}${as === undefined ? '' : `, ${as}`}) is too large for the console: ` +
      `a body has at most ${MAX_CONSOLE_BODY_CHARS.toLocaleString('en')} characters (about 1 MiB of binary, 1.3 MiB of text).`,
  });
  // Base64 is 4 characters per 3 bytes, text at least 1 per 4 bytes: beyond this neither fits.
  if (file.size > MAX_CONSOLE_BODY_CHARS * 4) return tooLarge();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = bytes.includes(0) ? null : decodeUtf8(bytes);
  if (text !== null) {
    if (text.length > MAX_CONSOLE_BODY_CHARS)
      return tooLarge(`${text.length.toLocaleString('en')} characters of text`);
    return { ok: true, body: text, bodyEncoding: 'utf8', mode: looksLikeJson(text) ? 'json' : 'raw' };
  }
  const base64Chars = 4 * Math.ceil(bytes.length / 3);
  if (base64Chars > MAX_CONSOLE_BODY_CHARS)
    return tooLarge(`${base64Chars.toLocaleString('en')} characters as base64`);
  return { ok: true, body: bytesToBase64(bytes), bodyEncoding: 'base64', mode: 'raw' };
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** In slices: String.fromCharCode(...bytes) on a whole MiB would overflow the call stack. */
function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}
