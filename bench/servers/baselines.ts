/**
 * The bare servers the SDK is compared with: a node:http server answering exactly the bytes the
 * SDK's Echo answers, and a plain Unix-socket echo with no HTTP at all (the floor).
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';

/** Same server options as the SDK (no Host needed, no idle timeout), same response headers. */
export function listenBareHttp(sock: string): Promise<HttpServer> {
  const server = createHttpServer({ requireHostHeader: false }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      res.statusCode = 200;
      res.setHeader('Content-Length', body.length);
      if (body.length > 0) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(body);
    });
  });
  server.keepAliveTimeout = 0;
  return listen(server, sock);
}

/** Writes back whatever arrives. */
export function listenEcho(sock: string): Promise<NetServer> {
  const server = createNetServer((socket) => {
    socket.on('data', (chunk) => socket.write(chunk));
    socket.on('error', () => {});
  });
  return listen(server, sock);
}

function listen<S extends HttpServer | NetServer>(server: S, sock: string): Promise<S> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(sock, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
