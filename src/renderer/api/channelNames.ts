/**
 * The channel names as a value. contract.ts has them too, but importing a value from it would pull
 * zod into the renderer bundle; `satisfies` keeps this list exactly in step with the contract.
 */
import type { ChannelName } from '../../shared/contract.js';

const CHANNELS = {
  getSnapshot: true,
  startPlugin: true,
  stopPlugin: true,
  startAll: true,
  stopAll: true,
  rescan: true,
  setAutoDiscover: true,
  execute: true,
  ping: true,
  subscribe: true,
  unsubscribe: true,
  inspect: true,
  getHistory: true,
  clearHistory: true,
  getSettings: true,
  updateSettings: true,
  pickFolder: true,
  reveal: true,
  startSamples: true,
} as const satisfies Record<ChannelName, true>;

export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];
