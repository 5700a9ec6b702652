/** Options and results of one wire call (Node-side only: bodies are Buffers). */

export interface CallOptions {
  /** Deadline for the whole call (connect + headers + body), ms. */
  timeoutMs?: number;
  /** Deadline for connecting, ms. */
  connectTimeoutMs?: number;
  /** Response bodies larger than this fail with TOO_LARGE. */
  maxResponseBytes?: number;
  signal?: AbortSignal;
  /** Content-Type of a request with a body; default application/json (what the Go host sends). */
  contentType?: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  durationMs: number;
}
