/** Runs httpExchange() off the page's main thread (see exchangeOffThread.ts). */
import { httpExchange, type ExchangeRequest } from './httpExchange.js';
import { packLongStrings, transferables } from './largeStrings.js';

self.onmessage = (event: MessageEvent<{ id: number; request: ExchangeRequest }>) => {
  const { id, request } = event.data;
  void httpExchange(request).then((exchange) => {
    if (exchange.kind !== 'answer') return self.postMessage({ id, exchange });
    const packed = packLongStrings(exchange.value);
    self.postMessage({ id, exchange: { ...exchange, value: undefined }, packed }, { transfer: transferables(packed) });
  });
};
