/** Response helpers shared by the web server's routes: security headers and JSON envelopes. */
import type { ServerResponse } from 'node:http';
import type { ApiError } from '../shared/contract.js';
import { CONTENT_SECURITY_POLICY } from '../shared/contentSecurityPolicy.js';


/** Set on every response, API and static alike. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** A refusal in the same envelope shape the API answers with, so a client parses one shape. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: ApiError,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { ok: false, error }, headers);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}
