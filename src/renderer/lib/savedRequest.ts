/** The console's request as a collection's saved request, and where it goes in a collection. */
import { COLLECTION_SUFFIX, type Collection, type CollectionRequest, type Expectation } from '../../shared/contract.js';
import type { ConsoleState } from '../store/types.js';

/**
 * The body as the console would send it: in JSON mode, JSON text is kept as a JSON value (readable
 * in the file, sent as the same JSON); anything else as the string it is. None when empty.
 */
export function savedBody(console: Pick<ConsoleState, 'body' | 'bodyEncoding' | 'mode'>): Pick<CollectionRequest, 'body' | 'bodyEncoding'> {
  if (console.body === '') return {};
  if (console.bodyEncoding === 'base64') return { body: console.body, bodyEncoding: 'base64' };
  if (console.mode === 'json') {
    try {
      return { body: JSON.parse(console.body) as CollectionRequest['body'] };
    } catch {
      // Not JSON after all: sent (and so saved) as the text it is.
    }
  }
  return { body: console.body };
}

/** The collection with the request added, or in place of the request of the same name. */
export function withRequest(collection: Collection, request: CollectionRequest): Collection {
  const at = collection.requests.findIndex((r) => r.name === request.name);
  const requests = at < 0 ? [...collection.requests, request] : collection.requests.map((r, i) => (i === at ? request : r));
  return { ...collection, requests };
}

/** `echo smoke` → `echo-smoke.collection.json` */
export function collectionFileName(name: string): string {
  const stem = name.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return `${stem || 'requests'}${COLLECTION_SUFFIX}`;
}

/** Only what was asked for: an expectation left empty is not written. */
export function expectation(fields: {
  status: string;
  bodyContains: string;
  body: string;
  json: string;
  maxMs: string;
}): { ok: true; expect: Expectation } | { ok: false; field: keyof typeof fields; message: string } {
  const expect: Expectation = {};
  if (fields.status.trim() !== '') {
    const status = Number(fields.status);
    if (!Number.isInteger(status) || status < 100 || status > 599) return { ok: false, field: 'status', message: 'An HTTP status from 100 to 599.' };
    expect.status = status;
  }
  if (fields.body !== '') expect.body = fields.body;
  if (fields.bodyContains !== '') expect.bodyContains = fields.bodyContains;
  if (fields.json.trim() !== '') {
    try {
      expect.json = JSON.parse(fields.json) as Expectation['json'];
    } catch (err) {
      return { ok: false, field: 'json', message: `Not valid JSON: ${(err as Error).message}` };
    }
  }
  if (fields.maxMs.trim() !== '') {
    const maxMs = Number(fields.maxMs);
    if (!(maxMs > 0)) return { ok: false, field: 'maxMs', message: 'A number of milliseconds above 0.' };
    expect.maxMs = maxMs;
  }
  return { ok: true, expect };
}
