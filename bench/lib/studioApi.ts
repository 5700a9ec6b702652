/**
 * The Studio service API over the web transport, as the renderer calls it: `POST /api/<channel>`
 * with the bearer token and a JSON body, answered by a JSON envelope. Used to drive and read
 * `goplug serve` from outside the page, and to measure what the transport costs.
 */
import { Pool } from 'undici';

/** Every call has a deadline: a stuck server fails the benchmark instead of hanging it. */
const CALL_TIMEOUT_MS = 30_000;

export class StudioApiClient {
  readonly #pool: Pool;
  readonly #headers: Record<string, string>;

  /** `connections`: 1 for sequential latency figures, more to keep several calls in flight. */
  constructor(baseUrl: string, token: string, connections = 1) {
    this.#pool = new Pool(baseUrl, {
      connections,
      pipelining: 1,
      headersTimeout: CALL_TIMEOUT_MS,
      bodyTimeout: CALL_TIMEOUT_MS,
    });
    this.#headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  }

  /** The envelope's value; throws with the API's error code and message when it is an error. */
  async call<T>(channel: string, request: unknown = {}): Promise<T> {
    const res = await this.#pool.request({
      method: 'POST',
      path: `/api/${channel}`,
      headers: this.#headers,
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const text = await res.body.text();
    let envelope: { ok: boolean; value?: T; error?: { code: string; message: string } };
    try {
      envelope = JSON.parse(text) as typeof envelope;
    } catch {
      throw new Error(`${channel}: HTTP ${res.statusCode} without a JSON envelope: ${text.slice(0, 200)}`);
    }
    if (!envelope.ok) {
      throw new Error(
        `${channel}: ${envelope.error?.code ?? `HTTP ${res.statusCode}`}: ${envelope.error?.message}`,
      );
    }
    return envelope.value as T;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

interface SnapshotPlugin {
  id: string;
  state: string;
}

/** Polls getSnapshot until `expected` plugins are started; fails after `timeoutMs`. */
export async function waitUntilStarted(
  api: StudioApiClient,
  expected: number,
  timeoutMs: number,
): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  for (;;) {
    const { plugins } = await api.call<{ plugins: SnapshotPlugin[] }>('getSnapshot');
    const started = plugins.filter((p) => p.state === 'started').length;
    if (started >= expected) return;
    if (Date.now() > giveUp) {
      throw new Error(`goplug serve started ${started} of ${expected} plugins within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
