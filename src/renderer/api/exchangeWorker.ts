/** Runs httpExchange() off the page's main thread (see exchangeOffThread.ts). */
import { httpExchange, type ExchangeRequest } from './httpExchange.js';

self.onmessage = (event: MessageEvent<{ id: number; request: ExchangeRequest }>) => {
  const { id, request } = event.data;
  void httpExchange(request).then((exchange) => self.postMessage({ id, exchange }));
};
