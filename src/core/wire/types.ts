/** Options and results of one wire call (Node-side only: bodies are Buffers). */

export interface CallOptions {
  /** Deadline for the whole call (connect + headers + body), ms. */
  timeoutMs?: number;
  /** Deadline for connecting, ms. */
  connectTimeoutMs?: number;
  /** Response bodies larger than this fail with TOO_LARGE. */
  maxResponseBytes?: number;
  signal?: AbortSignal;
  /**
   * The request body's `Content-Type` (sent only with a body). Default `application/json`, as the
   * Go host labels every body; the console sends what its body mode says (Raw text is no JSON).
   */
  contentType?: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  durationMs: number;
}
