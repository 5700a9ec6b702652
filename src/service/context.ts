/** What the handler groups share: the service's parts, and the shape every handler has. */
import type {
  ChannelName,
  ParsedRequestOf,
  ResponseOf,
  StudioEvent,
  StudioSnapshot,
} from '../shared/contract.js';
import type { ProcessSupervisor } from '../core/launcher/index.js';
import type { ApprovalCodes } from './approvalCodes.js';
import type { ApprovalStore } from './approvalStore.js';
import type { HistoryStore } from './history.js';
import type { RegistryHost } from './registryHost.js';
import type { SampleProcesses } from './sampleProcesses.js';
import type { SettingsStore } from './settings.js';
import type { Subscriptions } from './subscriptions.js';

export interface PlatformHandlers {
  /** Shows a folder picker; null when the user cancels. */
  pickFolder?(): Promise<string | null>;
  /** Shows a file dialog for a collection file; null when the user cancels. */
  pickCollectionFile?(purpose: 'open' | 'save', suggestedName?: string): Promise<string | null>;
  /** Shows the file or folder in the system's file manager. */
  reveal?(path: string): Promise<void>;
  /** Opens a checked .pconf (regular, not executable) in the desktop's editor for its type. */
  openInEditor?(path: string): Promise<void>;
  /** Electron: asks the person in a native dialog of the main process; true when they approve. */
  confirmApproval?(request: ApprovalRequest): Promise<boolean>;
  /** Web mode: shows a one-time approval code where only the person sees it (the serve terminal). */
  showApprovalCode?(code: string, request: ApprovalRequest): void;
}

/** A manifest's command a person is asked to approve. */
export interface ApprovalRequest {
  id: string;
  /** The manifest file. */
  path: string;
  /** Exactly what will run. */
  commandLine: string;
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
  /** The commands people approved; the registry launches no other manifest. */
  readonly approvals: ApprovalStore;
  readonly approvalCodes: ApprovalCodes;
  emit(event: StudioEvent): void;
  /** Adds a notice to the snapshot and sends it as an event. */
  notice(message: string): void;
  notices(): string[];
}

export type Handler<C extends ChannelName> = (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };
