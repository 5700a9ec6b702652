/** What the handler groups share: the service's parts, and the shape every handler has. */
import type {
  ChannelName,
  ParsedRequestOf,
  ResponseOf,
  StudioEvent,
  StudioSnapshot,
} from '../shared/contract.js';
import type { ProcessSupervisor } from '../core/launcher/index.js';
import type { HistoryStore } from './history.js';
import type { RegistryHost } from './registryHost.js';
import type { SampleProcesses } from './sampleProcesses.js';
import type { SettingsStore } from './settings.js';
import type { Subscriptions } from './subscriptions.js';

export interface PlatformHandlers {
  /** Shows a folder picker; null when the user cancels. */
  pickFolder?(): Promise<string | null>;
  /** Shows the file or folder in the system's file manager. */
  reveal?(path: string): Promise<void>;
}

export interface ServiceContext {
  readonly host: RegistryHost;
  readonly settings: SettingsStore;
  readonly history: HistoryStore;
  readonly subscriptions: Subscriptions;
  readonly platform: StudioSnapshot['platform'];
  readonly platformHandlers: PlatformHandlers;
  /** Sample plugin processes started through the API; stopped on close. */
  readonly samples: SampleProcesses;
  /** Launches plugins from their manifests (and the samples); keeps their output; stopped on close. */
  readonly supervisor: ProcessSupervisor;
  emit(event: StudioEvent): void;
  /** Adds a notice to the snapshot and sends it as an event. */
  notice(message: string): void;
  notices(): string[];
}

export type Handler<C extends ChannelName> = (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };
