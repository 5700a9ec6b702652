/**
 * The names of the Studio API's channels and their IPC spelling, free of zod: the sandboxed
 * preload can only load `electron` and a few Node built-ins, so it imports this file and never
 * the schemas. contract.ts pairs every name with its schema and re-exports all of this.
 */
const names = [
  'getSnapshot',
  'startPlugin',
  'stopPlugin',
  'startAll',
  'stopAll',
  'rescan',
  'setAutoDiscover',
  'execute',
  'ping',
  'subscribe',
  'unsubscribe',
  'inspect',
  'getHistory',
  'clearHistory',
  'getSettings',
  'updateSettings',
  'pickFolder',
  'reveal',
  'startSamples',
  'getLogs',
  'clearLogs',
  'restartPlugin',
  'listManifests',
  'saveManifest',
  'deleteManifest',
  'approveManifest',
  'forgetPlugin',
  'rememberCommand',
  'addFolder',
  'validateConf',
  'saveConf',
  'openInEditor',
  'cancelExecute',
  'listCollections',
  'saveCollection',
  'pickCollectionFile',
  'runCollection',
  'cancelCollectionRun',
] as const;

export type ChannelName = (typeof names)[number];

export const channelNames: ChannelName[] = [...names];

/** IPC channel names in Electron: one namespace so the main side can refuse anything else. */
export const ipcChannel = (name: ChannelName): string => `goplug:${name}`;
export const IPC_EVENTS_CHANNEL = 'goplug:events';
