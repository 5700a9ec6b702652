/**
 * The web mode's live events: Server-Sent Events read with fetch() streaming, because the token
 * goes in the Authorization header (EventSource cannot set headers, and a token in the URL ends
 * up in logs and the history). A stream that fails, ends, or stays silent past three of the
 * server's 15 s pings is opened again with a growing delay. Listeners hear every drop and every
 * recovery.
 */
import type { EventBatch } from '../../shared/contract.js';
import type { ConnectionWatch } from './connection.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;
/** No answer to the request, or no byte of the stream (the server pings every 15 s), this long: reconnect. */
const SILENCE_MS = 45_000;

export class EventStream implements ConnectionWatch {
  private open = false;
  private connected = false;
  private retryMs = FIRST_RETRY_MS;
  private readonly batchListeners = new Set<(batch: EventBatch) => void>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  onEvents(listener: (batch: EventBatch) => void): () => void {
    this.batchListeners.add(listener);
    this.ensureOpen();
    return () => this.batchListeners.delete(listener);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    this.ensureOpen();
    return () => this.connectionListeners.delete(listener);
  }

  private ensureOpen(): void {
    if (this.open) return;
    this.open = true;
    void this.run();
  }

  /** Reads streams one after the other for the page's lifetime. */
  private async run(): Promise<void> {
    for (;;) {
      await this.readOnce();
      this.setConnected(false);
      await new Promise((resolve) => setTimeout(resolve, this.retryMs));
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    }
  }

  private async readOnce(): Promise<void> {
    const controller = new AbortController();
    let silence = setTimeout(() => controller.abort(), SILENCE_MS);
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => controller.abort(), SILENCE_MS);
    };
    try {
      const response = await fetch(this.url, {
        headers: { Authorization: `Bearer ${this.token}`, Accept: 'text/event-stream' },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (!response.ok || response.body === null) return;
      this.retryMs = FIRST_RETRY_MS;
      this.setConnected(true);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        heard();
        buffer += value.replace(/\r\n?/g, '\n');
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.message(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Refused, dropped or silent: run() opens a new stream after a pause.
    } finally {
      clearTimeout(silence);
      controller.abort();
    }
  }

  /** One SSE message: its `data:` lines joined; comments and `retry:` are not for us. */
  private message(block: string): void {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
      .join('\n');
    if (data !== '') this.dispatch(data);
  }

  private dispatch(data: string): void {
    let batch: unknown;
    try {
      batch = JSON.parse(data);
    } catch {
      console.error('GoPlug Studio: an event message is not JSON; ignored:', data.slice(0, 200));
      return;
    }
    if (!Array.isArray(batch)) {
      console.error('GoPlug Studio: an event message is not a batch (array); ignored:', data.slice(0, 200));
      return;
    }
    for (const listener of this.batchListeners) listener(batch as EventBatch);
  }

  private setConnected(connected: boolean): void {
    if (connected === this.connected) return;
    this.connected = connected;
    for (const listener of this.connectionListeners) listener(connected);
  }
}
