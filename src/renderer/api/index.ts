/**
 * The one place that picks the transport: the Electron preload's `window.goplug` when present,
 * else HTTP + Server-Sent Events to `goplug serve`. Everything else sees only a StudioApi.
 */
import type { StudioApi, StudioBridge } from '../../shared/contract.js';
import { alwaysConnected, type ConnectionWatch } from './connection.js';
import { takeToken } from './token.js';
import { bridgeToApi } from './unwrap.js';
import { createWebTransport } from './webTransport.js';

export interface StudioClient {
  api: StudioApi;
  connection: ConnectionWatch;
}

export function createStudioClient(): StudioClient {
  const electronBridge = (window as Window & { goplug?: StudioBridge }).goplug;
  if (electronBridge) return { api: bridgeToApi(electronBridge), connection: alwaysConnected };
  const web = createWebTransport(takeToken());
  return { api: bridgeToApi(web.bridge), connection: web.connection };
}

export { ApiCallError } from './ApiCallError.js';
