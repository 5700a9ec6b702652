/**
 * The plugin registry: discovers .pconf files (and launch manifests) in one or more folders, keeps
 * one entry per plugin id, drives each plugin's lifecycle (Discovered → Starting → Started →
 * Stopping → Stopped) and routes calls, pings and callback subscriptions to the plugin's wire
 * client. Given a process supervisor, it also launches the plugins that have a manifest: start
 * spawns the process, stop ends it, and a crashed process is reactivated once it is back.
 */
import { EventEmitter } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { GoPlugError } from '../errors.js';
import type { LaunchApprovals } from '../launcher/approvals.js';
import {
  isManifestFile,
  manifestFileName,
  readManifestFile,
  type LaunchSpec,
  type ProcessSupervisor,
  type SupervisorEvent,
} from '../launcher/index.js';
import { manifestTrustProblem } from '../launcher/manifestTrust.js';
import { readPconfFile } from '../pconf/index.js';
import { formatPluginId, goFileStem } from '../pluginId.js';
import type { PluginSnapshot, ProblemFile, RegistryEvent } from '../types.js';
import { PluginClient } from '../wire/index.js';
import type { CallOptions, WireResponse } from '../wire/types.js';
import { Claims, type ConfRecord, type ManifestRecord } from './claims.js';
import { isConfFile, scanFolders, watchFolders, type FoldersWatcher } from './discovery.js';
import { LaunchPlan } from './launchPlan.js';
import { PathReads } from './pathReads.js';
import { PluginEntry, type ProcessLookup } from './pluginEntry.js';
import { asGoPlugError, notDiscovered, notRunning, notStarted } from './registryErrors.js';
import { checkSocket, writableByOthersWarning } from './socketTrust.js';

export interface RegistryOptions {
  folders: string[];
  /** Default `.pconf`. */
  confExtension?: string;
  /** Default true: watch the folders. False: a .pconf is read when its plugin is started by id. */
  autoDiscover?: boolean;
  /** Defaults for every call (connect and call deadlines, response size limit). */
  request?: { connectTimeoutMs?: number; timeoutMs?: number; maxResponseBytes?: number };
  /** How long an empty or truncated .pconf may stay so before it is reported. Default 500 ms. */
  settleMs?: number;
  /** Uids besides our own whose sockets (and launch manifests) are trusted. */
  allowedSocketOwners?: number[];
  /** Ping started plugins this often to notice ones that went away; 0 (default) turns it off. */
  healthCheckMs?: number;
  /** Largest .pconf read; default 1 MiB. */
  maxConfBytes?: number;
  /**
   * Launches plugins that have a launch manifest (`<NameSpace><Name>.plugin.json`). Without it,
   * manifests are still listed (Stopped, with the manifest) but nothing is launched. The
   * supervisor belongs to the caller: close() leaves its processes running, so a new registry
   * (e.g. after a settings change) picks them up.
   */
  launcher?: ProcessSupervisor;
  /**
   * Which manifest commands a person approved: a manifest whose command is not approved is listed
   * as waiting for approval and not launched. Absent: every trusted manifest may be launched.
   */
  approvals?: LaunchApprovals;
}

/** Errors that mean "the socket is not there or not answering", as opposed to a bad answer. */
const REACHABILITY_CODES = new Set(['CONNECT_FAILED', 'TIMEOUT', 'PLUGIN_GONE']);
/** The Go plugin's own endpoints: a 400 from them is never "method not found". */
const BUILTINS = new Set(['Activate', 'Stop', 'RegisterCallback', 'Ping']);

export class PluginRegistry {
  readonly folders: string[];
  private readonly extension: string;
  private readonly options: RegistryOptions;
  private readonly emitter = new EventEmitter();
  private readonly claims = new Claims<ConfRecord>();
  private readonly manifests = new Claims<ManifestRecord>();
  /** Present when the registry was given a supervisor: then plugins with a manifest are launched. */
  private readonly plan: LaunchPlan | undefined;
  private readonly entries = new Map<string, PluginEntry>();
  private readonly problemFiles = new Map<string, ProblemFile>();
  private readonly reads: PathReads;
  private watcher: FoldersWatcher | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private autoDiscoverOn: boolean;
  private closed = false;
  private stopApprovalWatch: (() => void) | undefined;

  constructor(options: RegistryOptions) {
    this.options = options;
    this.reads = new PathReads((path, settled) => this.readConf(path, settled), options.settleMs ?? 500);
    this.folders = options.folders.map((f) => resolve(f));
    this.extension = options.confExtension ?? '.pconf';
    this.autoDiscoverOn = options.autoDiscover ?? true;
    this.plan =
      options.launcher && new LaunchPlan(options.launcher, this.folders, this.extension, options.approvals);
    // A UI, a CLI and tests may all listen; the default limit of 10 is not a leak signal here.
    this.emitter.setMaxListeners(0);
  }

  /** Launch manifests are found beside the .pconf files; a manifest wins when the extension is `.json`. */
  private readonly isWatchedFile = (path: string): boolean =>
    isManifestFile(path) || isConfFile(path, this.extension);

  get autoDiscover(): boolean {
    return this.autoDiscoverOn;
  }

  on(type: 'event', listener: (event: RegistryEvent) => void): this {
    this.emitter.on(type, listener);
    return this;
  }

  off(type: 'event', listener: (event: RegistryEvent) => void): this {
    this.emitter.off(type, listener);
    return this;
  }

  /** Initial scan and, with autoDiscover, the watcher. Called by openRegistry. */
  async init(): Promise<void> {
    this.plan?.supervisor.on('event', this.onLauncherEvent);
    if (this.plan) this.stopApprovalWatch = this.options.approvals?.onChange(this.onApprovalsChanged);
    if (this.autoDiscoverOn) await this.startDiscovery();
    const interval = this.options.healthCheckMs ?? 0;
    if (interval > 0) {
      this.healthTimer = setInterval(() => void this.checkHealth(), interval);
      this.healthTimer.unref();
    }
  }

  // ---------- queries ----------

  list(): PluginSnapshot[] {
    return [...this.entries.values()].map((e) => e.snapshot()).sort((a, b) => compare(a.id, b.id));
  }

  problems(): ProblemFile[] {
    return [...this.problemFiles.values()].sort((a, b) => compare(a.path, b.path));
  }

  get(id: string): PluginSnapshot | undefined {
    return this.entries.get(id)?.snapshot();
  }

  /** Plugins whose id, method names or socket path contain the query (case-insensitive). */
  search(query: string): PluginSnapshot[] {
    const q = query.toLowerCase();
    return this.list().filter(
      (p) =>
        p.id.toLowerCase().includes(q) ||
        p.sock.toLowerCase().includes(q) ||
        p.methods.some((m) => m.toLowerCase().includes(q)),
    );
  }

  // ---------- lifecycle ----------

  /** Connects and activates a plugin (Go: LoadPlugin). Joins a start already under way. */
  async start(id: string): Promise<PluginSnapshot> {
    this.assertOpen();
    const entry = this.entries.get(id) ?? (this.autoDiscoverOn ? undefined : await this.loadOnDemand(id));
    if (!entry) throw notDiscovered(id);
    if (entry.state === 'started') {
      throw new GoPlugError('ALREADY_STARTED', `${id} is already started`);
    }
    if (entry.transition && entry.transitionKind === 'start') {
      // Join the start under way (its failure is this caller's failure too).
      await entry.transition;
      return entry.snapshot();
    }
    if (entry.transition) await entry.transition.catch(() => undefined);
    entry.wantStarted = true;
    await this.runTransition(entry, 'start', () => this.bringUp(entry));
    return entry.snapshot();
  }

  /**
   * Sends `POST /Stop` (Go: UnloadPlugin). A plugin that closes without answering counts as
   * stopped. A launched plugin's process is stopped with escalation (see the launcher), a launch
   * under way is cut short, and a restart waiting in backoff is cancelled.
   */
  async stop(id: string): Promise<PluginSnapshot> {
    const entry = this.knownEntry(id);
    const supervisor = this.plan?.supervisor;
    const launched = supervisor?.isActive(id) === true;
    if (entry.state === 'starting' && entry.transition) {
      if (launched) void supervisor!.stop(id).catch(() => undefined);
      await entry.transition.catch(() => undefined);
    }
    if (entry.state === 'stopping' && entry.transition) {
      await entry.transition;
      return entry.snapshot();
    }
    if (supervisor?.isActive(id)) {
      await this.runTransition(entry, 'stop', () => this.stopProcess(entry));
      return entry.snapshot();
    }
    if (launched) return entry.snapshot();
    if (entry.state !== 'started') throw notStarted(entry);
    await this.runTransition(entry, 'stop', () => this.deactivate(entry));
    return entry.snapshot();
  }

  /**
   * Stops the plugin when it runs, then starts it. A launched plugin gets a fresh crash budget:
   * this is how a user brings back a plugin that was given up on (process state "fatal").
   */
  async restart(id: string): Promise<PluginSnapshot> {
    const entry = this.knownEntry(id);
    if (entry.state === 'started' || entry.state === 'starting' || this.plan?.supervisor.isActive(id)) {
      await this.stop(id);
    }
    return this.start(id);
  }

  // ---------- calls ----------

  /** Calls a method (Go: Execute). Non-200 answers resolve; transport failures reject with a code. */
  async execute(
    id: string,
    method: string,
    body?: Buffer | string,
    opts?: CallOptions,
  ): Promise<WireResponse> {
    const entry = this.startedEntry(id);
    const response = await this.track(entry, entry.client!.call(method, body, opts));
    if (
      response.status === 400 &&
      response.body.length === 0 &&
      !BUILTINS.has(method) &&
      !entry.methods.includes(method)
    ) {
      throw new GoPlugError(
        'METHOD_NOT_FOUND',
        `${id} has no method ${method} (it answered 400); its methods: ${entry.methods.join(', ') || 'none'}`,
      );
    }
    return response;
  }

  async ping(id: string, opts?: CallOptions): Promise<{ rttMs: number }> {
    const entry = this.startedEntry(id);
    return this.track(entry, entry.client!.ping(undefined, opts));
  }

  /**
   * Long-polls a callback (Go: RegisterCallback) on a connection of its own, so a waiting poll
   * never blocks calls. Notifications also go out as registry events.
   */
  subscribe(
    id: string,
    callback: string,
    onNotification: (body: Buffer) => void,
    onEnd?: (err?: GoPlugError) => void,
  ): { unsubscribe(): void } {
    const entry = this.startedEntry(id);
    let ended = false;
    /** Ends it once: by the subscriber (no reason, no onEnd) or by the registry (onEnd with why). */
    const end = (reason?: GoPlugError) => {
      if (ended) return;
      ended = true;
      entry.subscriptions.delete(handle);
      inner.unsubscribe();
      if (reason) onEnd?.(reason);
    };
    const handle = { end };
    const inner = entry.client!.subscribe(
      callback,
      (body) => {
        this.emit({ type: 'notification', id, callback, body, at: Date.now() });
        try {
          onNotification(body);
        } catch (err) {
          // A listener's bug must not end the subscription or crash the host (Electron's main).
          this.emit({ type: 'warning', id, message: `callback ${callback} listener failed: ${String(err)}` });
        }
      },
      (err) => {
        if (ended) return;
        ended = true;
        entry.subscriptions.delete(handle);
        if (err && REACHABILITY_CODES.has(err.code)) this.markUnreachable(entry, err);
        onEnd?.(err);
      },
    );
    entry.subscriptions.add(handle);
    return { unsubscribe: () => end() };
  }

  /** Resolves when no file is being read and no plugin is starting or stopping. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const busy = [
        ...this.reads.inFlight(),
        ...[...this.entries.values()].flatMap((e) =>
          e.transition ? [e.transition.catch(() => undefined)] : [],
        ),
      ];
      if (busy.length === 0) return;
      await Promise.all(busy);
    }
  }

  // ---------- discovery control ----------

  /** Re-reads every conf file in the folders; files that vanished are removed. */
  async rescan(): Promise<void> {
    this.assertOpen();
    const { found, unlisted } = await scanFolders(this.folders, this.isWatchedFile, (message, path) =>
      this.emit({ type: 'warning', path, message }),
    );
    const present = new Set(found);
    // A folder that exists but cannot be listed says nothing about its files: keep what we know.
    const gone = (path: string) => !present.has(path) && !unlisted.includes(dirname(path));
    const known = new Set([...this.claims.paths(), ...this.manifests.paths(), ...this.problemFiles.keys()]);
    // Manifests first: a .pconf found with its manifest known is launched afresh when it is stale.
    await Promise.all(found.filter(isManifestFile).map((path) => this.reads.refresh(path)));
    await Promise.all([
      ...found.filter((path) => !isManifestFile(path)).map((path) => this.reads.refresh(path)),
      ...[...known].filter(gone).map((path) => this.fileRemoved(path)),
    ]);
  }

  async setAutoDiscover(enabled: boolean): Promise<void> {
    this.assertOpen();
    if (enabled === this.autoDiscoverOn) return;
    this.autoDiscoverOn = enabled;
    if (enabled) {
      await this.startDiscovery();
      // Plugins found while discovery was off start now, as they would have on discovery.
      for (const entry of this.entries.values()) {
        this.autoStart(entry);
        this.autoLaunch(entry);
      }
    } else {
      await this.watcher?.close();
      this.watcher = undefined;
    }
  }

  /** Releases every socket, watcher and timer. Plugin processes keep running. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.plan?.supervisor.off('event', this.onLauncherEvent);
    this.stopApprovalWatch?.();
    clearInterval(this.healthTimer);
    await this.watcher?.close();
    this.watcher = undefined;
    await Promise.all(
      [...this.entries.values()].map(async (entry) => {
        entry.generation++;
        entry.endSubscriptions(new GoPlugError('NOT_STARTED', 'the plugin registry was closed'));
        await entry.client?.close();
        entry.client = undefined;
      }),
    );
    await this.reads.close();
    this.emitter.removeAllListeners();
  }

  // ---------- discovery internals ----------

  private async startDiscovery(): Promise<void> {
    this.watcher = await watchFolders(this.folders, this.isWatchedFile, {
      changed: (path) => void this.reads.refresh(path),
      removed: (path) => void this.fileRemoved(path),
      warning: (message, path) => this.emit({ type: 'warning', path, message }),
      folderChanged: () => void this.rescan().catch(() => undefined),
    });
    await this.rescan();
  }

  private async readConf(path: string, settled: boolean): Promise<void> {
    if (isManifestFile(path)) return this.readManifest(path);
    const read = await readPconfFile(path, { maxBytes: this.options.maxConfBytes });
    if (this.closed) return;
    if (read.kind === 'problem') {
      if (read.missing) return this.fileRemoved(path);
      if (read.incomplete && !settled) {
        // Most likely still being written: look again once it has had time to settle.
        this.reads.settleLater(path);
        return;
      }
      this.setProblem(read.problem);
      this.dropClaim(path);
      return;
    }
    this.reads.cancelSettle(path);
    const { conf } = read;
    const folderIndex = this.folders.indexOf(dirname(path));
    const previous = this.claims.get(path);
    const unchanged = previous?.raw.equals(read.raw) && previous.file.mtimeMs === read.file.mtimeMs;
    // Unchanged and still claimed: a problem it has is a conflict, and that still stands.
    if (unchanged) return;
    this.clearProblem(path);
    const confWarning = writableByOthersWarning('.pconf', path, read.file.mode);
    const record: ConfRecord = {
      path,
      folderIndex: folderIndex < 0 ? this.folders.length : folderIndex,
      id: formatPluginId(conf.namespace, conf.name),
      conf,
      warnings: confWarning ? [...read.warnings, confWarning] : read.warnings,
      file: read.file,
      raw: read.raw,
    };
    for (const warning of record.warnings) {
      this.emit({ type: 'warning', id: record.id, path, message: warning.message });
    }
    const formerId = this.claims.set(record);
    if (formerId) this.reconcile(formerId);
    this.reconcile(record.id);
  }

  private async readManifest(path: string): Promise<void> {
    const read = await readManifestFile(path);
    if (this.closed) return;
    if (read.kind === 'problem') {
      if (read.missing) return this.fileRemoved(path);
      this.setProblem(read.problem);
      this.dropClaim(path);
      return;
    }
    // Trust (issue 13 §1, src/core/launcher/manifestTrust.ts): a manifest not ours alone is never used.
    // Before the "unchanged" check: a chmod changes neither the bytes nor the mtime.
    const distrust = await manifestTrustProblem(path, read.file, this.options.allowedSocketOwners ?? []);
    if (this.closed) return;
    if (distrust) {
      this.setProblem(distrust);
      this.dropClaim(path);
      return;
    }
    const previous = this.manifests.get(path);
    // Unchanged and still claimed: a problem it has is a conflict, and that still stands.
    if (previous?.raw.equals(read.raw) && previous.file.mtimeMs === read.file.mtimeMs) return;
    this.clearProblem(path);
    const folderIndex = this.folders.indexOf(dirname(path));
    const record: ManifestRecord = {
      path,
      folderIndex: folderIndex < 0 ? this.folders.length : folderIndex,
      id: formatPluginId(read.manifest.namespace, read.manifest.name),
      manifest: read.manifest,
      file: read.file,
      raw: read.raw,
    };
    const formerId = this.manifests.set(record);
    if (formerId) this.reconcile(formerId);
    this.reconcile(record.id);
  }

  private async fileRemoved(path: string): Promise<void> {
    this.reads.cancelSettle(path);
    this.clearProblem(path);
    this.dropClaim(path);
  }

  private dropClaim(path: string): void {
    const id = (isManifestFile(path) ? this.manifests : this.claims).delete(path);
    if (id !== undefined) this.reconcile(id);
  }

  /** Brings the entry for `id` in line with the files that claim it (its .pconf and its manifest). */
  private reconcile(id: string): void {
    const conf = this.claims.claimsOf(id);
    const manifest = this.manifests.claimsOf(id);
    this.reportConflicts(id, conf);
    this.reportConflicts(id, manifest);

    const entry = this.entries.get(id);
    if (!conf.winner && !manifest.winner && !this.plan?.launchedHere(id)) {
      if (entry) this.removeEntry(entry);
      return;
    }
    if (!entry) {
      const created = new PluginEntry(id, conf.winner, manifest.winner, this.processLookup);
      this.entries.set(id, created);
      this.emit({ type: 'discovered', plugin: created.snapshot() });
      this.autoStart(created);
      this.autoLaunch(created);
      return;
    }
    const manifestAppeared = manifest.winner !== undefined && entry.manifestRecord === undefined;
    const manifestChanged = entry.manifestRecord !== manifest.winner;
    entry.manifestRecord = manifest.winner;
    const before = entry.record;
    const winner = conf.winner;
    if (before === winner) {
      if (manifestChanged) this.emit({ type: 'changed', plugin: entry.snapshot() });
      if (manifestAppeared) this.autoLaunch(entry);
      return;
    }
    entry.record = winner;
    if (!winner) return this.confGone(entry);
    if (!before) {
      // A .pconf for a plugin known so far by its manifest: its process runs (ours or not).
      if (entry.state === 'stopped' && !entry.transition) entry.setState('discovered', '.pconf appeared');
      this.emit({ type: 'changed', plugin: entry.snapshot() });
      this.autoStart(entry);
      return;
    }
    const endpointChanged = before.conf.sock !== winner.conf.sock || before.conf.url !== winner.conf.url;
    const wasStarted = entry.state === 'started';
    if (entry.client && (endpointChanged || entry.unreachable)) {
      // A new endpoint, or a rewritten .pconf from a plugin we lost: most likely a new process,
      // so the old connection and methods are of no use; activate afresh.
      entry.generation++;
      entry.endSubscriptions(new GoPlugError('PLUGIN_GONE', `${entry.id}: its .pconf was rewritten`));
      void entry.client.close();
      entry.client = undefined;
      entry.methods = [];
      entry.setState('discovered', endpointChanged ? 'socket or url changed' : '.pconf rewritten');
    }
    this.emit({ type: 'changed', plugin: entry.snapshot() });
    this.autoStart(entry, wasStarted);
  }

  /** Files that lost the claim on `id` are problems naming the winner. */
  private reportConflicts(
    id: string,
    claims: { winner: { path: string } | undefined; losers: Array<{ path: string }> },
  ): void {
    const { winner, losers } = claims;
    for (const loser of losers) {
      const problem: ProblemFile = {
        path: loser.path,
        fileName: loser.path.slice(dirname(loser.path).length + 1),
        kind: 'conflict',
        reason: `claims plugin ${id}, which ${winner!.path} already holds`,
        id,
        winner: winner!.path,
      };
      if (this.problemFiles.get(loser.path)?.winner !== winner!.path) {
        this.setProblem(problem);
        this.emit({ type: 'conflict', id, winner: winner!.path, loser: loser.path });
      }
    }
    if (winner) this.clearProblem(winner.path);
  }

  /**
   * The .pconf of a plugin that stays listed (it has a manifest, or a process launched here) is
   * gone: its process stopped or crashed. A transition under way settles the state itself.
   */
  private confGone(entry: PluginEntry): void {
    if (entry.transition || entry.state === 'stopped') {
      this.emit({ type: 'changed', plugin: entry.snapshot() });
      return;
    }
    entry.disconnect(`${entry.id}: its .pconf was removed`);
    entry.setState('stopped', '.pconf removed');
    this.emit({ type: 'stopped', plugin: entry.snapshot() });
  }

  private removeEntry(entry: PluginEntry): void {
    // Calls in flight fail with PLUGIN_GONE rather than waiting for their deadline.
    entry.disconnect(`${entry.id}: its .pconf was removed`);
    this.entries.delete(entry.id);
    if (entry.state !== 'stopped') {
      entry.setState('stopped', '.pconf removed');
      this.emit({ type: 'stopped', plugin: entry.snapshot() });
    }
    this.emit({ type: 'removed', plugin: entry.snapshot() });
  }

  /** Starts a plugin that discovery should start: not lazy, or started before (e.g. by the user). */
  private autoStart(entry: PluginEntry, wasStarted = false): void {
    if (entry.transition || !entry.record) return;
    if (!wasStarted && (!this.autoDiscoverOn || entry.record.conf.lazyLoad)) return;
    if (entry.state !== 'discovered' && entry.state !== 'stopped') return;
    // With an autoStart manifest, a stale .pconf (its process died with an earlier host) means: launch it.
    const work = this.plan?.wantsAutoLaunch(entry) ? () => this.bringUp(entry, true) : () => this.activate(entry);
    // Failures are recorded on the entry and emitted; nothing to do with them here.
    void this.runTransition(entry, 'start', work).catch(() => undefined);
  }

  /**
   * Launches a plugin whose manifest says autoStart, once, when discovery first finds the manifest
   * (so a plugin the user stopped stays stopped); bringUp activates instead when it already runs.
   */
  private autoLaunch(entry: PluginEntry): void {
    if (!this.autoDiscoverOn || !this.plan?.wantsAutoLaunch(entry)) return;
    void this.runTransition(entry, 'start', () => this.bringUp(entry, true)).catch(() => undefined);
  }

  /** With autoDiscover off, finds `<NameSpace><Name><ext>` in the folders (Go: LoadPlugin). */
  private async loadOnDemand(id: string): Promise<PluginEntry | undefined> {
    const slash = id.indexOf('/');
    const namespace = slash < 0 ? '' : id.slice(0, slash);
    const name = slash < 0 ? id : id.slice(slash + 1);
    for (const folder of this.folders) {
      await this.reads.refresh(join(folder, manifestFileName(namespace, name)));
      const path = join(folder, goFileStem(namespace, name) + this.extension);
      await this.reads.refresh(path);
      // The Go file name joins NameSpace and Name, so check the file really is this plugin.
      const entry = this.entries.get(id);
      if (entry) return entry;
    }
    return undefined;
  }

  // ---------- lifecycle internals ----------

  private async runTransition(entry: PluginEntry, kind: 'start' | 'stop', work: () => Promise<void>): Promise<void> {
    const transition = work();
    entry.transition = transition;
    entry.transitionKind = kind;
    try {
      await transition;
    } finally {
      if (entry.transition === transition) {
        entry.transition = undefined;
        entry.transitionKind = undefined;
      }
    }
  }

  /** Activates the plugin, launching its process first when it has a manifest and nothing serves it. */
  private async bringUp(entry: PluginEntry, lazyWaits = false): Promise<void> {
    const spec = await this.plan?.needsLaunch(entry);
    if (spec) await this.launch(entry, spec);
    // An automatic launch of a LazyLoad plugin starts its process; activation waits for a start.
    if (lazyWaits && entry.record?.conf.lazyLoad && !entry.wantStarted) {
      if (entry.state === 'starting') entry.setState('discovered', 'process launched; LazyLoad waits for a start');
      this.emit({ type: 'changed', plugin: entry.snapshot() });
      return;
    }
    await this.activate(entry);
  }

  private async launch(entry: PluginEntry, spec: LaunchSpec): Promise<void> {
    entry.setState('starting', 'launching its process');
    this.emit({ type: 'starting', plugin: entry.snapshot() });
    try {
      await this.plan!.supervisor.start(spec);
    } catch (err) {
      const error = asGoPlugError(err, entry.id);
      // NOT_STARTED: a stop cut the launch short, which is what the user asked for.
      if (error.code !== 'NOT_STARTED') {
        entry.error = error.toInfo();
        this.emit({ type: 'error', id: entry.id, path: spec.pconfPath, error: entry.error });
      }
      entry.setState('stopped', error.message);
      this.emit({ type: 'stopped', plugin: entry.snapshot() });
      throw error;
    }
    // Ready: its .pconf is there. Read it now, without waiting for the watcher (or without one).
    await this.reads.refresh(spec.pconfPath);
  }

  private readonly processLookup: ProcessLookup = (id) => this.plan?.lookup(id, this.entries.get(id)) ?? {};

  /**
   * Approvals changed (issue 13 §2): snapshots show it, and a manifest that waited for its
   * approval launches now as it would have on discovery.
   */
  private readonly onApprovalsChanged = (): void => {
    for (const entry of this.entries.values()) {
      if (!entry.manifestRecord) continue;
      this.emit({ type: 'changed', plugin: entry.snapshot() });
      if (this.plan?.approvedSinceSeen(entry)) this.autoLaunch(entry);
    }
  };

  private async activate(entry: PluginEntry): Promise<void> {
    const generation = ++entry.generation;
    const record = entry.record;
    if (!record) throw notRunning(entry);
    const { conf } = record;
    if (entry.state !== 'starting') {
      entry.setState('starting');
      this.emit({ type: 'starting', plugin: entry.snapshot() });
    }
    const client = new PluginClient({ sock: conf.sock, url: conf.url, id: entry.id }, this.options.request);
    try {
      entry.runtimeWarnings = await checkSocket(entry.id, conf.sock, this.options.allowedSocketOwners ?? []);
      const { methods, output } = await client.activate();
      if (generation !== entry.generation) {
        await client.close();
        return;
      }
      entry.client = client;
      entry.methods = methods;
      entry.activationOutput = output.toString('utf8');
      entry.error = null;
      entry.unreachable = false;
      entry.wantStarted = true;
      entry.setState('started');
      this.emit({ type: 'started', plugin: entry.snapshot() });
    } catch (err) {
      await client.close();
      if (generation !== entry.generation) return;
      const error = asGoPlugError(err, entry.id);
      entry.error = error.toInfo();
      entry.unreachable = REACHABILITY_CODES.has(error.code) || error.code === 'UNTRUSTED';
      entry.setState('discovered', error.message);
      this.emit({ type: 'error', id: entry.id, path: record.path, error: entry.error });
      this.emit({ type: 'changed', plugin: entry.snapshot() });
      throw error;
    }
  }

  private async deactivate(entry: PluginEntry): Promise<void> {
    const generation = ++entry.generation;
    entry.setState('stopping');
    this.emit({ type: 'stopping', plugin: entry.snapshot() });
    entry.wantStarted = false;
    entry.endSubscriptions(new GoPlugError('NOT_STARTED', `${entry.id} was stopped`));
    const client = entry.client;
    entry.client = undefined;
    try {
      await client?.stop();
    } catch (err) {
      // The plugin may be gone already: for a stop, that is the goal reached.
      const error = asGoPlugError(err, entry.id);
      if (!REACHABILITY_CODES.has(error.code)) entry.error = error.toInfo();
    } finally {
      await client?.close();
    }
    if (generation !== entry.generation) return;
    entry.methods = [];
    entry.unreachable = false;
    entry.setState('stopped');
    this.emit({ type: 'stopped', plugin: entry.snapshot() });
  }

  /** Stops a launched plugin's process (the supervisor sends POST /Stop itself, then escalates). */
  private async stopProcess(entry: PluginEntry): Promise<void> {
    const generation = ++entry.generation;
    entry.setState('stopping');
    this.emit({ type: 'stopping', plugin: entry.snapshot() });
    entry.wantStarted = false;
    entry.endSubscriptions(new GoPlugError('NOT_STARTED', `${entry.id} was stopped`));
    const client = entry.client;
    entry.client = undefined;
    try {
      await this.plan!.supervisor.stop(entry.id);
    } catch (err) {
      entry.error = asGoPlugError(err, entry.id).toInfo();
    } finally {
      await client?.destroy(`${entry.id} was stopped`);
    }
    if (generation === entry.generation) {
      entry.methods = [];
      entry.unreachable = false;
      entry.setState('stopped', this.plan!.supervisor.info(entry.id)?.message ?? undefined);
      this.emit({ type: 'stopped', plugin: entry.snapshot() });
    }
    const spec = this.plan?.spec(entry);
    if (spec) await this.reads.refresh(spec.pconfPath);
  }

  // ---------- launched processes ----------

  /** Supervisor events go out as registry events; process changes also move the plugin's state. */
  private readonly onLauncherEvent = (event: SupervisorEvent): void => {
    this.emit(event);
    if (event.type !== 'process') return;
    const entry = this.entries.get(event.id);
    if (!entry) return;
    if (event.change === 'exited' || event.change === 'restarting' || event.change === 'fatal') {
      this.processEnded(entry, event.message);
    } else if (event.change === 'ready') {
      this.reactivate(entry);
    } else {
      this.emit({ type: 'changed', plugin: entry.snapshot() });
    }
  };

  /** The process ended without being asked: the plugin is stopped, calls in flight fail at once. */
  private processEnded(entry: PluginEntry, message: string): void {
    // Stopped on purpose, or never meant to run: the exit needs no explaining.
    if (entry.state === 'stopping' || (entry.state === 'stopped' && !entry.wantStarted)) {
      this.emit({ type: 'changed', plugin: entry.snapshot() });
      return;
    }
    // Already stopped when its .pconf went: the supervisor removes a dead plugin's files before it
    // reports the exit, and the watcher may tell first. The exit is still the reason to show.
    const stoppedAlready = entry.state === 'stopped';
    if (!stoppedAlready) entry.disconnect(`${entry.id}: its process ${message}`);
    entry.error = new GoPlugError('PLUGIN_GONE', `${entry.id}: its process ${message}`, {
      hint: 'Its process ended on its own: see its Logs tab (or log file) for why.',
    }).toInfo();
    entry.setState('stopped', message);
    // No 'error' event: the 'process' event just told what happened, the snapshot keeps the error.
    this.emit({ type: stoppedAlready ? 'changed' : 'stopped', plugin: entry.snapshot() });
    const spec = this.plan?.spec(entry);
    if (spec) void this.reads.refresh(spec.pconfPath);
  }

  /** Back after a crash: activate it again (a start by the user activates by itself). */
  private reactivate(entry: PluginEntry): void {
    if (entry.transition || entry.state === 'started') {
      this.emit({ type: 'changed', plugin: entry.snapshot() });
      return;
    }
    const spec = this.plan?.spec(entry);
    void this.runTransition(entry, 'start', async () => {
      if (spec) await this.reads.refresh(spec.pconfPath);
      // A LazyLoad plugin whose process was launched (e.g. a sample) waits for its explicit start.
      const discoveryStarts = this.autoDiscoverOn && entry.record?.conf.lazyLoad === false;
      if (!entry.wantStarted && !discoveryStarts) {
        this.emit({ type: 'changed', plugin: entry.snapshot() });
        return;
      }
      await this.activate(entry);
    }).catch(() => undefined);
  }

  /** The plugin's entry, or NOT_DISCOVERED (the registry must be open). */
  private knownEntry(id: string): PluginEntry {
    this.assertOpen();
    const entry = this.entries.get(id);
    if (!entry) throw notDiscovered(id);
    return entry;
  }

  private startedEntry(id: string): PluginEntry {
    const entry = this.knownEntry(id);
    if (entry.state !== 'started' || !entry.client) throw notStarted(entry);
    return entry;
  }

  /** Keeps the entry's health in step with what its calls see. */
  private async track<T>(entry: PluginEntry, call: Promise<T>): Promise<T> {
    try {
      const result = await call;
      if (entry.unreachable) {
        entry.unreachable = false;
        this.emit({ type: 'changed', plugin: entry.snapshot() });
      }
      return result;
    } catch (err) {
      const error = asGoPlugError(err, entry.id);
      if (REACHABILITY_CODES.has(error.code)) this.markUnreachable(entry, error);
      throw error;
    }
  }

  private markUnreachable(entry: PluginEntry, error: GoPlugError): void {
    if (!this.entries.has(entry.id)) return;
    entry.error = error.toInfo();
    entry.unreachable = true;
    this.emit({ type: 'error', id: entry.id, path: entry.record?.path, error: entry.error });
    this.emit({ type: 'changed', plugin: entry.snapshot() });
  }

  private async checkHealth(): Promise<void> {
    for (const entry of this.entries.values()) {
      if (this.closed) return;
      if (entry.state !== 'started' || !entry.client || entry.transition) continue;
      await this.track(entry, entry.client.ping(undefined, { timeoutMs: 2000 })).catch(() => undefined);
    }
  }

  // ---------- problems and events ----------

  /** Records a problem file; the same problem found again (a re-read, a rescan) is not news. */
  private setProblem(problem: ProblemFile): void {
    const known = this.problemFiles.get(problem.path);
    this.problemFiles.set(problem.path, problem);
    if (!known || JSON.stringify(known) !== JSON.stringify(problem)) this.emit({ type: 'problem', problem });
  }

  private clearProblem(path: string): void {
    if (this.problemFiles.delete(path)) this.emit({ type: 'problem-cleared', path });
  }

  private emit(event: RegistryEvent): void {
    if (!this.closed) this.emitter.emit('event', event);
  }

  private assertOpen(): void {
    if (this.closed) throw new GoPlugError('NOT_STARTED', 'the plugin registry is closed');
  }
}

/** Creates a registry and waits for its initial scan. */
export async function openRegistry(options: RegistryOptions): Promise<PluginRegistry> {
  const registry = new PluginRegistry(options);
  await registry.init();
  return registry;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
