/**
 * Writes a whole response the way the Go plugin's net/http does: Content-Length always,
 * `Content-Type: text/plain; charset=utf-8` only when there is a body and `headers` name no other
 * (Date comes from node:http).
 */
import type { ServerResponse } from 'node:http';

const EMPTY = Buffer.alloc(0);

export function send(
  res: ServerResponse,
  status: number,
  body: Buffer = EMPTY,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Length', body.length);
  if (body.length > 0 && !res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(body);
}
