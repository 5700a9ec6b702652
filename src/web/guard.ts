/**
 * Who may talk to the web server. It listens on 127.0.0.1 only, but any local program and any
 * web page the user opens can reach that address, so every API request must also carry the
 * token (compared in constant time), come from this server's own origin, and name this server
 * in its Host header (a DNS-rebinding page would name its own host).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes, base64url: unguessable, and safe in a URL as is. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export class RequestGuard {
  readonly #token: Buffer;
  readonly #hosts: Set<string>;
  readonly #origins: Set<string>;

  constructor(token: string, port: number) {
    this.#token = Buffer.from(token, 'utf8');
    this.#hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.#origins = new Set([...this.#hosts].map((host) => `http://${host}`));
  }

  /** Constant time for tokens of the right length; a wrong length is refused outright. */
  tokenMatches(given: string | undefined): boolean {
    if (given === undefined) return false;
    const bytes = Buffer.from(given, 'utf8');
    return bytes.length === this.#token.length && timingSafeEqual(bytes, this.#token);
  }

  /** The token from `Authorization: Bearer <token>`. */
  static bearer(req: IncomingMessage): string | undefined {
    return /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  }

  hostAllowed(req: IncomingMessage): boolean {
    return req.headers.host !== undefined && this.#hosts.has(req.headers.host.toLowerCase());
  }

  /** No Origin (curl, same-origin navigation) is fine; a foreign one is not. */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || this.#origins.has(origin);
  }

  static fromLoopback(req: IncomingMessage): boolean {
    const address = req.socket.remoteAddress ?? '';
    return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
  }
}
