/** Turns a bridge (envelopes) into the API components call (values, or a thrown ApiCallError). */
import type { Envelope, StudioApi, StudioBridge } from '../../shared/contract.js';
import { ApiCallError } from './ApiCallError.js';
import { channelNames } from '../../shared/channels.js';

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiCallError(envelope.error);
}

export function bridgeToApi(bridge: StudioBridge): StudioApi {
  const api: Record<string, unknown> = {
    onEvents: (listener: Parameters<StudioBridge['onEvents']>[0]) => bridge.onEvents(listener),
  };
  for (const name of channelNames) {
    const call = bridge[name] as (request: unknown) => Promise<Envelope<unknown>>;
    api[name] = async (request: unknown) => unwrap(await call(request));
  }
  return api as StudioApi;
}
