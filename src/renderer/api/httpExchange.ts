/**
 * One `POST /api/<channel>` of the web mode, up to the parsed answer: run in the page, or in a
 * worker (exchangeOffThread.ts) for console requests, whose answers carry bodies of up to tens of
 * MiB (as base64) that would block the page while read and parsed.
 */

export type Exchange =
  /** `value` is undefined when the answer was not JSON. */
  | { kind: 'answer'; status: number; value: unknown }
  | { kind: 'timeout' }
  | { kind: 'unreachable'; message: string };

export interface ExchangeRequest {
  url: string;
  token: string;
  /** The request, as JSON text. */
  body: string;
  deadlineMs: number;
}

export async function httpExchange({ url, token, body, deadlineMs }: ExchangeRequest): Promise<Exchange> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body,
      signal: AbortSignal.timeout(deadlineMs),
    });
    text = await response.text();
  } catch (err) {
    if (err instanceof DOMException && err.name === 'TimeoutError') return { kind: 'timeout' };
    return { kind: 'unreachable', message: err instanceof Error ? err.message : String(err) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  return { kind: 'answer', status: response.status, value };
}
