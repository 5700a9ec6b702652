/**
 * Web mode: the Studio window served to a browser from 127.0.0.1, talking to the same service
 * the Electron app uses. The protocol (the renderer's web transport codes against it):
 *
 * - `POST /api/<channel>`, header `Authorization: Bearer <token>`, JSON body = the request
 *   (may be empty for channels without fields) → 200 with the JSON Envelope.
 * - `GET /api/events`, header `Authorization: Bearer <token>` → Server-Sent Events, `data: <JSON
 *   EventBatch>` per batch. The token is never taken from the URL (URLs end up in logs).
 * - Any other GET: the built renderer's files (index.html for `/`), no token needed.
 *
 * Request bodies are capped at DEFAULT_MAX_BODY_BYTES: a console request is at most
 * MAX_CONSOLE_BODY_CHARS of body (src/shared/contract.ts), a little more once in JSON. A declared
 * Content-Length over the cap is refused before any of the body is read.
 *
 * Refusals use the envelope shape `{ ok: false, error: { code, message, hint } }`:
 * 401 UNAUTHORIZED (missing or wrong token), 403 FORBIDDEN_ORIGIN (Origin not this server),
 * 403 FORBIDDEN_HOST (Host not 127.0.0.1:PORT or localhost:PORT), 403 FORBIDDEN_PEER (not
 * loopback), 400 INVALID_REQUEST (body not JSON), 404 NOT_FOUND, 405 METHOD_NOT_ALLOWED,
 * 413 TOO_LARGE (body over the limit).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ApiError, ApiErrorCode } from '../shared/contract.js';
import { handleApiCall, type Invoker } from './apiCall.js';
import { EventStreams, type EventSourceLike } from './eventStream.js';
import { newToken, RequestGuard } from './guard.js';
import { sendError, sendText, setSecurityHeaders } from './httpReply.js';
import { StaticFiles } from './staticFiles.js';

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface WebServerOptions {
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Default: 32 random bytes, base64url. */
  token?: string;
  /** Larger request bodies get a 413. Default 4 MiB. */
  maxBodyBytes?: number;
}

export interface WebServer {
  /** `http://127.0.0.1:PORT/?token=TOKEN`: what the user opens. */
  url: string;
  port: number;
  token: string;
  /** Ends the event streams and every connection, then stops listening. */
  close(): Promise<void>;
}

export type StudioEndpoint = Invoker & EventSourceLike;

export async function startWebServer(service: StudioEndpoint, options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  if (token.length < 16) throw new Error('The web server token must be at least 16 characters long');
  const files = await StaticFiles.open(options.staticDir);
  const streams = new EventStreams();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const server = createServer();
  // Slow or stuck clients cannot hold requests open; SSE streams are answered at once, so
  // requestTimeout (which covers receiving the request only) does not end them.
  server.headersTimeout = 10_000;
  server.requestTimeout = 120_000;
  server.keepAliveTimeout = 5_000;

  async function route(req: IncomingMessage, res: ServerResponse, g: RequestGuard): Promise<void> {
    setSecurityHeaders(res);
    if (!RequestGuard.fromLoopback(req)) {
      return refuse(res, 403, 'FORBIDDEN_PEER', 'Only connections from this computer are accepted.');
    }
    if (!g.hostAllowed(req)) {
      return refuse(
        res,
        403,
        'FORBIDDEN_HOST',
        `Host ${JSON.stringify(req.headers.host ?? '')} is not this server.`,
      );
    }
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const path = queryAt < 0 ? target : target.slice(0, queryAt);
    if (!path.startsWith('/api/')) return files.serve(req, res, path);

    if (!g.originAllowed(req)) {
      return refuse(
        res,
        403,
        'FORBIDDEN_ORIGIN',
        `Origin ${req.headers.origin ?? ''} may not call this server.`,
      );
    }
    if (!g.tokenMatches(RequestGuard.bearer(req))) return unauthorized(res);
    if (path === '/api/events') {
      if (req.method !== 'GET') return sendText(res, 405, 'Method not allowed\n', { Allow: 'GET' });
      return streams.open(req, res, service);
    }
    const channel = path.slice('/api/'.length);
    if (!/^[A-Za-z]+$/.test(channel)) return refuse(res, 404, 'NOT_FOUND', `No API at ${path}.`);
    return handleApiCall(req, res, channel, service, maxBodyBytes);
  }

  const port = await listen(server, options.port ?? 0);
  // The guard needs the port; the handler is attached before any request can be read.
  const guard = new RequestGuard(token, port);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(req, res, guard).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendError(res, 500, {
        code: 'INTERNAL',
        message: String((err as Error)?.message ?? err),
        hint: 'Try again.',
      });
    });
  });
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function refuse(res: ServerResponse, status: number, code: ApiErrorCode, message: string): void {
  const hints: Record<number, string> = {
    403: 'Open the Studio from the address goplug serve printed, on this computer.',
    404: 'Check the address.',
  };
  const error: ApiError = { code, message, hint: hints[status] ?? '' };
  sendError(res, status, error);
}

function unauthorized(res: ServerResponse): void {
  sendError(
    res,
    401,
    {
      code: 'UNAUTHORIZED',
      message: 'Missing or wrong token.',
      hint: 'Open the full address goplug serve printed: it carries the token.',
    },
    { 'WWW-Authenticate': 'Bearer' },
  );
}

/** Listens on 127.0.0.1 only; a taken port is reported in words. */
function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on 127.0.0.1 is already in use: choose another with --port, or 0 for any free port.`,
            )
          : err,
      );
    });
    server.listen({ host: '127.0.0.1', port }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
