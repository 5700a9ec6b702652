/**
 * `GET /api/events`: the service's event batches as Server-Sent Events, one `data:` line of JSON
 * per batch. A comment is sent at once (so the client knows it is connected) and every 15 s
 * (so idle proxies and the browser keep the stream open).
 *
 * A client that does not read (its send buffer above MAX_BUFFERED_BYTES) is disconnected rather
 * than buffered without limit; the client reconnects, and should fetch a fresh snapshot
 * whenever its stream (re)opens.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventBatch } from '../shared/contract.js';

export const PING_INTERVAL_MS = 15_000;
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** How long a standard SSE client (EventSource, for one) waits before reconnecting. */
const RETRY_MS = 2_000;

export type EventSourceLike = { onEvents(listener: (batch: EventBatch) => void): () => void };

export class EventStreams {
  readonly #open = new Set<ServerResponse>();

  open(req: IncomingMessage, res: ServerResponse, service: EventSourceLike): void {
    // A stream lives as long as the page: no socket timeout for it.
    req.socket.setTimeout(0);
    req.socket.setNoDelay(true);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const send = (text: string): void => {
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        res.destroy();
        return;
      }
      res.write(text);
    };
    send(`retry: ${RETRY_MS}\n: connected\n\n`);
    const stop = service.onEvents((batch) => send(`data: ${JSON.stringify(batch)}\n\n`));
    const ping = setInterval(() => send(': ping\n\n'), PING_INTERVAL_MS);
    this.#open.add(res);
    res.on('close', () => {
      stop();
      clearInterval(ping);
      this.#open.delete(res);
    });
  }

  /** Ends every stream (the server is closing). */
  closeAll(): void {
    for (const res of this.#open) res.end();
  }
}
