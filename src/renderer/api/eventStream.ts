/**
 * The web mode's live events over Server-Sent Events. The browser's EventSource retries by itself
 * while the server is reachable; when it gives up (CLOSED, e.g. the server restarted and refused
 * once) we open a new one with a growing delay. Listeners hear every drop and every recovery.
 */
import type { EventBatch } from '../../shared/contract.js';
import type { ConnectionWatch } from './connection.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export class EventStream implements ConnectionWatch {
  private source: EventSource | null = null;
  private connected = false;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly batchListeners = new Set<(batch: EventBatch) => void>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();

  constructor(private readonly url: string) {}

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
    if (this.source === null && this.retryTimer === undefined) this.open();
  }

  private open(): void {
    this.retryTimer = undefined;
    const source = new EventSource(this.url);
    this.source = source;
    source.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
      this.setConnected(true);
    };
    source.onmessage = (message: MessageEvent<string>) => this.dispatch(message.data);
    source.onerror = () => {
      this.setConnected(false);
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        this.source = null;
        this.retryTimer = setTimeout(() => this.open(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
      }
    };
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
