/** The host side of the GoPlug wire protocol: one PluginClient per plugin (see docs/PROTOCOL.md). */
export { PluginClient, DEFAULT_PING_BODY, type Activation, type PluginTarget } from './client.js';
export { DEFAULT_WIRE, type WireDefaults } from './limits.js';
export { FALLBACK_HOST, hostFromUrl } from './requestTarget.js';
export { parseActivation, type ActivationParse } from './activation.js';
export type { CallOptions, WireResponse } from './types.js';
export type { DescribeOutcome } from './describe.js';
