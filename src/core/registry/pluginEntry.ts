/**
 * One plugin as the registry knows it: its conf (the .pconf, while there is one), its launch
 * manifest (when it can be launched), its lifecycle state with history, its health, and the wire
 * client while it is started.
 *
 * The entry owns its state: every move goes out as the event that describes it (through the sink
 * it was given), so no state changes unseen, and only a started entry holds a client.
 */
import { GoPlugError, type ErrorInfo } from '../errors.js';
import type {
  ConfIssue,
  LaunchManifest,
  PluginDescription,
  PluginOrigin,
  PluginSnapshot,
  PluginState,
  ProcessInfo,
  RegistryEvent,
  StateChange,
} from '../types.js';
import type { PluginClient } from '../wire/index.js';
import type { ConfRecord, ManifestRecord } from './claims.js';
import { launchedOrigin } from './processOrigin.js';

/** What the supervisor knows of the plugin's process, looked up when a snapshot is taken. */
export type ProcessLookup = (id: string) => {
  process?: ProcessInfo;
  manifest?: LaunchManifest;
  /** The command line of its manifest while that waits for a person's approval. */
  waitingApproval?: string;
  /** This host can launch its process (see LaunchPlan.spec). */
  launchable?: boolean;
};

/** Events about one plugin that are not a state change of their own. */
type EntryNews = 'discovered' | 'changed' | 'removed';

/** An entry in state Started: it has its client, so calls need no check beyond the type. */
export interface StartedEntry extends PluginEntry {
  readonly state: 'started';
  readonly client: PluginClient;
}

const HISTORY_LIMIT = 50;

export class PluginEntry {
  readonly id: string;
  /** The last .pconf it had: a plugin whose file went stays listed with it (issue 14 §1). */
  private lastRecord: ConfRecord | undefined;
  private currentRecord: ConfRecord | undefined;
  /** The process found serving its socket when this host did not launch it (see processOrigin.ts). */
  outsideOrigin: PluginOrigin | undefined;
  /** The .pconf that outsideOrigin was looked up for. */
  originRecord: ConfRecord | undefined;
  /** The .pconf whose origin is being looked up now (one look-up at a time per .pconf). */
  originPending: ConfRecord | undefined;
  /** Times a new process took the id over after the last one ended (see cameBack). */
  private comebacks = 0;
  /** Bumped with every event about the plugin (PluginSnapshot.rev). */
  private rev = 0;
  private countedRecord: ConfRecord | undefined;
  manifestRecord: ManifestRecord | undefined;
  methods: string[] = [];
  activationOutput = '';
  /** What the plugin said of itself when it was last activated (description.ts); kept after a stop, like its methods. */
  description: PluginDescription | undefined;
  error: ErrorInfo | null = null;
  unreachable = false;
  /** Warnings found at run time (e.g. a socket others can write), on top of the conf's own. */
  runtimeWarnings: ConfIssue[] = [];
  /**
   * Someone (a user's start, or discovery for a plugin that is not lazy) wanted it started and no
   * stop was asked for since: a launched process that comes back after a crash is activated again.
   */
  wantStarted = false;
  readonly subscriptions = new Set<{ end(reason: GoPlugError): void }>();
  /** Bumped whenever the conf is replaced or the plugin removed: stale async results are dropped. */
  private generation = 0;
  private current: PluginState;
  private connection: PluginClient | undefined;
  /** The transition under way, so concurrent start/stop calls join it instead of racing. */
  private running: { kind: 'start' | 'stop'; done: Promise<void> } | undefined;
  private readonly history: StateChange[] = [];

  /** Known by a .pconf: Discovered; by a manifest alone: Stopped (it can be started). */
  constructor(
    id: string,
    record: ConfRecord | undefined,
    manifest: ManifestRecord | undefined,
    private readonly lookup: ProcessLookup,
    private readonly emit: (event: RegistryEvent) => void,
  ) {
    this.id = id;
    this.record = record;
    this.manifestRecord = manifest;
    this.current = record ? 'discovered' : 'stopped';
    this.history.push({ state: this.current, at: Date.now() });
  }

  /** The winning .pconf; undefined while only a manifest (or a launched process) knows the plugin, or once its file went. */
  get record(): ConfRecord | undefined {
    return this.currentRecord;
  }

  set record(record: ConfRecord | undefined) {
    if (record) this.lastRecord = record;
    this.currentRecord = record;
  }

  get state(): PluginState {
    return this.current;
  }

  get client(): PluginClient | undefined {
    return this.connection;
  }

  get transition(): Promise<void> | undefined {
    return this.running?.done;
  }

  get transitionKind(): 'start' | 'stop' | undefined {
    return this.running?.kind;
  }

  /** Runs `work` as the entry's transition: a start or stop asked meanwhile can join or wait for it. */
  async run(kind: 'start' | 'stop', work: () => Promise<void>): Promise<void> {
    const running = { kind, done: work() };
    this.running = running;
    try {
      await running.done;
    } finally {
      if (this.running === running) this.running = undefined;
    }
  }

  isStarted(): this is StartedEntry {
    return this.current === 'started' && this.connection !== undefined;
  }

  /**
   * Moves to `state` and tells it: Starting, Stopping and Stopped go out as themselves, a move back
   * to Discovered (or to the state it is in, with a new reason) as 'changed'. Started has its own
   * move, since it needs the client.
   */
  move(state: Exclude<PluginState, 'started'>, reason?: string): void {
    const same = state === this.current;
    this.enter(state, reason);
    this.rev++;
    this.emit({ type: same || state === 'discovered' ? 'changed' : state, plugin: this.snapshot() });
  }

  /** Activated: from now on calls go to `client`. */
  started(client: PluginClient, methods: string[], activationOutput: string): void {
    this.connection = client;
    this.methods = methods;
    this.activationOutput = activationOutput;
    this.error = null;
    this.unreachable = false;
    this.wantStarted = true;
    this.enter('started');
    this.rev++;
    this.emit({ type: 'started', plugin: this.snapshot() });
  }

  /** Stopped on purpose: whether it answers is not known any more; its last methods stay shown. */
  stopped(reason?: string): void {
    this.unreachable = false;
    this.move('stopped', reason);
  }

  /** A call or ping got through: no longer unreachable, if it was. */
  reached(): void {
    if (!this.unreachable) return;
    this.unreachable = false;
    this.tell('changed');
  }

  /** Its socket is not there or not answering: told as an 'error', then as the change it makes. */
  lost(error: GoPlugError): void {
    this.error = error.toInfo();
    this.unreachable = true;
    this.emit({ type: 'error', id: this.id, path: this.record?.path, error: this.error });
    this.tell('changed');
  }

  /** Tells listeners what the entry is now, without a move of state (e.g. its manifest changed). */
  tell(type: EntryNews): void {
    this.rev++;
    this.emit({ type, plugin: this.snapshot() });
  }

  /** Its last .pconf went, or its process stopped answering, before a new .pconf was read: a restart. */
  hadEnded(): boolean {
    return this.unreachable || (this.currentRecord === undefined && this.lastRecord !== undefined);
  }

  /** Counts a restart: the process behind `record` is a new one. Once per .pconf read. */
  cameBack(record: ConfRecord): void {
    if (this.countedRecord === record) return;
    this.countedRecord = record;
    this.comebacks++;
  }

  /** Starts a piece of async work whose result counts only while no newer one was started. */
  nextGeneration(): number {
    return ++this.generation;
  }

  isCurrent(generation: number): boolean {
    return generation === this.generation;
  }

  /** Takes the client away (a stop under way): calls no longer reach it, the caller ends it. */
  takeClient(): PluginClient | undefined {
    const client = this.connection;
    this.connection = undefined;
    return client;
  }

  snapshot(): PluginSnapshot {
    const shown = this.currentRecord ?? this.lastRecord;
    const conf = shown?.conf;
    const launched = this.lookup(this.id);
    const manifest = this.manifestRecord?.manifest ?? launched.manifest;
    const snapshot: PluginSnapshot = {
      id: this.id,
      namespace: conf?.namespace ?? manifest?.namespace ?? '',
      name: conf?.name ?? manifest?.name ?? this.id,
      state: this.current,
      lazyLoad: conf?.lazyLoad ?? false,
      url: conf?.url ?? '',
      sock: conf?.sock ?? '',
      confPath: shown?.path ?? '',
      methods: [...this.methods],
      activationOutput: this.activationOutput,
      warnings: [...(shown?.warnings ?? []), ...this.runtimeWarnings],
      extras: conf?.extras ?? {},
      error: this.error,
      unreachable: this.unreachable,
      history: [...this.history],
    };
    if (this.manifestRecord) snapshot.manifestPath = this.manifestRecord.path;
    if (manifest) snapshot.manifest = manifest;
    if (this.description) snapshot.description = this.description;
    if (launched.process) snapshot.process = launched.process;
    if (launched.waitingApproval !== undefined)
      snapshot.waitingApproval = { commandLine: launched.waitingApproval };
    const origin = this.origin(launched, manifest);
    if (origin) snapshot.origin = origin;
    if (!this.currentRecord && this.lastRecord) snapshot.confRemoved = true;
    snapshot.restarts = this.comebacks;
    snapshot.launchable = launched.launchable === true;
    snapshot.rev = this.rev;
    return snapshot;
  }

  /**
   * A process our supervisor runs is told by the supervisor; else the process found serving the
   * socket; else, for a plugin our supervisor launched before or has a manifest for, that launch.
   */
  private origin(launched: ReturnType<ProcessLookup>, manifest: LaunchManifest | undefined): PluginOrigin | undefined {
    const kind = this.manifestRecord ? 'manifest' : 'studio';
    const state = launched.process?.state;
    if (state !== undefined && state !== 'exited' && state !== 'fatal') return launchedOrigin(kind, manifest, launched.process);
    if (this.outsideOrigin) return this.outsideOrigin;
    if (launched.process || this.manifestRecord) return launchedOrigin(kind, manifest, launched.process);
    return undefined;
  }

  /**
   * Lets go of the plugin's connection: subscriptions end, calls in flight fail at once with
   * PLUGIN_GONE (`reason` says why) and results of work under way dropped; its last methods stay shown.
   */
  disconnect(reason: string): void {
    this.generation++;
    this.endSubscriptions(new GoPlugError('PLUGIN_GONE', reason));
    void this.connection?.destroy(reason);
    this.connection = undefined;
    this.unreachable = false;
  }

  /**
   * Its .pconf was rewritten with a new endpoint, or by a plugin we had lost: most likely a new
   * process, so the old connection and methods are of no use. Back to Discovered, to activate afresh.
   */
  rewritten(reason: string): void {
    this.generation++;
    this.endSubscriptions(new GoPlugError('PLUGIN_GONE', `${this.id}: its .pconf was rewritten`));
    void this.connection?.close();
    this.connection = undefined;
    this.methods = [];
    this.description = undefined;
    this.move('discovered', reason);
  }

  /** The registry closes: work under way is dropped, subscribers told, the connection closed. */
  async release(reason: GoPlugError): Promise<void> {
    this.generation++;
    this.endSubscriptions(reason);
    await this.takeClient()?.close();
  }

  /** Ends every callback subscription, telling each subscriber why. */
  endSubscriptions(reason: GoPlugError): void {
    for (const sub of [...this.subscriptions]) sub.end(reason);
    this.subscriptions.clear();
  }

  private enter(state: PluginState, reason?: string): void {
    this.current = state;
    this.history.push(reason === undefined ? { state, at: Date.now() } : { state, at: Date.now(), reason });
    if (this.history.length > HISTORY_LIMIT) this.history.shift();
  }
}
