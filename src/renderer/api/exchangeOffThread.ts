/**
 * httpExchange() in a worker: the worker reads and parses the answer, and the page receives the
 * parsed value only, its long strings as transferred bytes (largeStrings.ts): a 30 MiB body's
 * 40 MB answer blocked the page for 150-220 ms when read and parsed here. Without a worker
 * (tests, a refused one), the exchange runs in the page.
 */
import { httpExchange, type Exchange, type ExchangeRequest } from './httpExchange.js';
import { unpackLongStrings, type PackedValue } from './largeStrings.js';

let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, { request: ExchangeRequest; resolve: (exchange: Exchange) => void }>();

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    const w = new Worker(new URL('./exchangeWorker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<{ id: number; exchange: Exchange; packed?: PackedValue }>) => {
      const { id, exchange, packed } = event.data;
      waiting.get(id)?.resolve(exchange.kind === 'answer' && packed ? { ...exchange, value: unpackLongStrings(packed) } : exchange);
      waiting.delete(id);
    };
    // A worker that cannot run (refused, failed to load): exchanges run in the page from now on.
    w.onerror = () => {
      worker = null;
      w.terminate();
      for (const [id, { request, resolve }] of waiting) {
        waiting.delete(id);
        void httpExchange(request).then(resolve);
      }
    };
    return w;
  } catch {
    return null;
  }
}

export function exchangeOffThread(request: ExchangeRequest): Promise<Exchange> {
  if (worker === undefined) worker = startWorker();
  const w = worker;
  if (w === null) return httpExchange(request);
  return new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, { request, resolve });
    w.postMessage({ id, request });
  });
}
