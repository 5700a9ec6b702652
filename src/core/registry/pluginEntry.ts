/**
 * One plugin as the registry knows it: its conf (the .pconf, while there is one), its launch
 * manifest (when it can be launched), its lifecycle state with history, its health, and the wire
 * client while it is started.
 */
import { GoPlugError, type ErrorInfo } from '../errors.js';
import type {
  ConfIssue,
  LaunchManifest,
  PluginSnapshot,
  PluginState,
  ProcessInfo,
  StateChange,
} from '../types.js';
import type { PluginClient } from '../wire/index.js';
import type { ConfRecord, ManifestRecord } from './claims.js';

/** What the supervisor knows of the plugin's process, looked up when a snapshot is taken. */
export type ProcessLookup = (id: string) => {
  process?: ProcessInfo;
  manifest?: LaunchManifest;
  /** The command line of its manifest while that waits for a person's approval. */
  waitingApproval?: string;
};

const HISTORY_LIMIT = 50;

export class PluginEntry {
  readonly id: string;
  state: PluginState;
  /** The winning .pconf; undefined while only a manifest (or a launched process) knows the plugin. */
  record: ConfRecord | undefined;
  manifestRecord: ManifestRecord | undefined;
  methods: string[] = [];
  activationOutput = '';
  error: ErrorInfo | null = null;
  unreachable = false;
  /** Warnings found at run time (e.g. a socket others can write), on top of the conf's own. */
  runtimeWarnings: ConfIssue[] = [];
  client: PluginClient | undefined;
  /** The transition under way, so concurrent start/stop calls join it instead of racing. */
  transition: Promise<unknown> | undefined;
  transitionKind: 'start' | 'stop' | undefined;
  /**
   * Someone (a user's start, or discovery for a plugin that is not lazy) wanted it started and no
   * stop was asked for since: a launched process that comes back after a crash is activated again.
   */
  wantStarted = false;
  /** Bumped whenever the conf is replaced or the plugin removed: stale async results are dropped. */
  generation = 0;
  readonly subscriptions = new Set<{ end(reason: GoPlugError): void }>();
  private readonly history: StateChange[] = [];
  private readonly lookup: ProcessLookup;

  /** Known by a .pconf: Discovered; by a manifest alone: Stopped (it can be started). */
  constructor(
    id: string,
    record: ConfRecord | undefined,
    manifest: ManifestRecord | undefined,
    lookup: ProcessLookup,
  ) {
    this.id = id;
    this.record = record;
    this.manifestRecord = manifest;
    this.lookup = lookup;
    this.state = record ? 'discovered' : 'stopped';
    this.history.push({ state: this.state, at: Date.now() });
  }

  setState(state: PluginState, reason?: string): void {
    this.state = state;
    this.history.push(reason === undefined ? { state, at: Date.now() } : { state, at: Date.now(), reason });
    if (this.history.length > HISTORY_LIMIT) this.history.shift();
  }

  snapshot(): PluginSnapshot {
    const conf = this.record?.conf;
    const launched = this.lookup(this.id);
    const manifest = this.manifestRecord?.manifest ?? launched.manifest;
    const snapshot: PluginSnapshot = {
      id: this.id,
      namespace: conf?.namespace ?? manifest?.namespace ?? '',
      name: conf?.name ?? manifest?.name ?? this.id,
      state: this.state,
      lazyLoad: conf?.lazyLoad ?? false,
      url: conf?.url ?? '',
      sock: conf?.sock ?? '',
      confPath: this.record?.path ?? '',
      methods: [...this.methods],
      activationOutput: this.activationOutput,
      warnings: [...(this.record?.warnings ?? []), ...this.runtimeWarnings],
      extras: conf?.extras ?? {},
      error: this.error,
      unreachable: this.unreachable,
      history: [...this.history],
    };
    if (this.manifestRecord) snapshot.manifestPath = this.manifestRecord.path;
    if (manifest) snapshot.manifest = manifest;
    if (launched.process) snapshot.process = launched.process;
    if (launched.waitingApproval !== undefined)
      snapshot.waitingApproval = { commandLine: launched.waitingApproval };
    return snapshot;
  }

  /**
   * Lets go of the plugin's connection: subscriptions end, calls in flight fail at once with
   * PLUGIN_GONE (`reason` says why), methods are forgotten and results of work under way dropped.
   */
  disconnect(reason: string): void {
    this.generation++;
    this.endSubscriptions(new GoPlugError('PLUGIN_GONE', reason));
    void this.client?.destroy(reason);
    this.client = undefined;
    this.methods = [];
    this.unreachable = false;
  }

  /** Ends every callback subscription, telling each subscriber why. */
  endSubscriptions(reason: GoPlugError): void {
    for (const sub of [...this.subscriptions]) sub.end(reason);
    this.subscriptions.clear();
  }
}
