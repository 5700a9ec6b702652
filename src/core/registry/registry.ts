/**
 * The plugin registry: discovers .pconf files in one or more folders, keeps one entry per plugin
 * id, drives each plugin's lifecycle (Discovered → Starting → Started → Stopping → Stopped) and
 * routes calls, pings and callback subscriptions to the plugin's wire client.
 */
import { EventEmitter } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { GoPlugError, isGoPlugError } from '../errors.js';
import { readPconfFile } from '../pconf/index.js';
import { formatPluginId, goFileStem } from '../pluginId.js';
import type { PluginSnapshot, ProblemFile, RegistryEvent } from '../types.js';
import { PluginClient } from '../wire/index.js';
import type { CallOptions, WireResponse } from '../wire/types.js';
import { ConfClaims, type ConfRecord } from './claims.js';
import { scanFolders, watchFolders, type FoldersWatcher } from './discovery.js';
import { PluginEntry } from './pluginEntry.js';
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
  /** Uids besides our own whose sockets are trusted. */
  allowedSocketOwners?: number[];
  /** Ping started plugins this often to notice ones that went away; 0 (default) turns it off. */
  healthCheckMs?: number;
  /** Largest .pconf read; default 1 MiB. */
  maxConfBytes?: number;
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
  private readonly claims = new ConfClaims();
  private readonly entries = new Map<string, PluginEntry>();
  private readonly problemFiles = new Map<string, ProblemFile>();
  /** Files that were empty or truncated, waiting to settle before they count as broken. */
  private readonly settling = new Map<string, NodeJS.Timeout>();
  /** Per-path read serialisation: a file changing while it is read is read once more after. */
  private readonly reading = new Map<string, { again: boolean; done: Promise<void> }>();
  private watcher: FoldersWatcher | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private autoDiscoverOn: boolean;
  private closed = false;

  constructor(options: RegistryOptions) {
    this.options = options;
    this.folders = options.folders.map((f) => resolve(f));
    this.extension = options.confExtension ?? '.pconf';
    this.autoDiscoverOn = options.autoDiscover ?? true;
    // A UI, a CLI and tests may all listen; the default limit of 10 is not a leak signal here.
    this.emitter.setMaxListeners(0);
  }

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
    if (entry.state === 'starting' && entry.transition) {
      await entry.transition;
      return entry.snapshot();
    }
    if (entry.transition) await entry.transition.catch(() => undefined);
    await this.runTransition(entry, () => this.activate(entry));
    return entry.snapshot();
  }

  /** Sends `POST /Stop` (Go: UnloadPlugin). A plugin that closes without answering counts as stopped. */
  async stop(id: string): Promise<PluginSnapshot> {
    this.assertOpen();
    const entry = this.entries.get(id);
    if (!entry) throw notDiscovered(id);
    if (entry.state === 'starting' && entry.transition) await entry.transition.catch(() => undefined);
    if (entry.state === 'stopping' && entry.transition) {
      await entry.transition;
      return entry.snapshot();
    }
    if (entry.state !== 'started') throw notStarted(entry);
    await this.runTransition(entry, () => this.deactivate(entry));
    return entry.snapshot();
  }

  // ---------- calls ----------

  /** Calls a method (Go: Execute). Non-200 answers resolve; transport failures reject with a code. */
  async execute(id: string, method: string, body?: Buffer | string, opts?: CallOptions): Promise<WireResponse> {
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
    const handle = {
      unsubscribe: () => {
        if (ended) return;
        ended = true;
        entry.subscriptions.delete(handle);
        inner.unsubscribe();
      },
    };
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
    return handle;
  }

  /** Resolves when no file is being read and no plugin is starting or stopping. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const busy = [
        ...[...this.reading.values()].map((r) => r.done),
        ...[...this.entries.values()].flatMap((e) => (e.transition ? [e.transition.catch(() => undefined)] : [])),
      ];
      if (busy.length === 0) return;
      await Promise.all(busy);
    }
  }

  // ---------- discovery control ----------

  /** Re-reads every conf file in the folders; files that vanished are removed. */
  async rescan(): Promise<void> {
    this.assertOpen();
    const { found, unlisted } = await scanFolders(this.folders, this.extension, (message, path) =>
      this.emit({ type: 'warning', path, message }),
    );
    const present = new Set(found);
    // A folder that exists but cannot be listed says nothing about its files: keep what we know.
    const gone = (path: string) => !present.has(path) && !unlisted.includes(dirname(path));
    const known = new Set([...this.claims.paths(), ...this.problemFiles.keys()]);
    await Promise.all([
      ...found.map((path) => this.refresh(path)),
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
      for (const entry of this.entries.values()) this.autoStart(entry);
    } else {
      await this.watcher?.close();
      this.watcher = undefined;
    }
  }

  /** Releases every socket, watcher and timer. Plugin processes keep running. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.healthTimer);
    for (const timer of this.settling.values()) clearTimeout(timer);
    this.settling.clear();
    await this.watcher?.close();
    this.watcher = undefined;
    await Promise.all(
      [...this.entries.values()].map(async (entry) => {
        entry.generation++;
        entry.endSubscriptions();
        await entry.client?.close();
        entry.client = undefined;
      }),
    );
    await Promise.all([...this.reading.values()].map((r) => r.done));
    this.emitter.removeAllListeners();
  }

  // ---------- discovery internals ----------

  private async startDiscovery(): Promise<void> {
    this.watcher = await watchFolders(this.folders, this.extension, {
      changed: (path) => void this.refresh(path),
      removed: (path) => void this.fileRemoved(path),
      warning: (message, path) => this.emit({ type: 'warning', path, message }),
      folderChanged: () => void this.rescan().catch(() => undefined),
    });
    await this.rescan();
  }

  /** Reads a conf file, once at a time per path; a change during the read triggers one more read. */
  private refresh(path: string, settled = false): Promise<void> {
    const pending = this.reading.get(path);
    if (pending) {
      pending.again = true;
      return pending.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await this.readConf(path, settled);
        } while (state.again && !this.closed);
      } finally {
        this.reading.delete(path);
      }
    })();
    this.reading.set(path, state);
    return state.done;
  }

  private async readConf(path: string, settled: boolean): Promise<void> {
    const read = await readPconfFile(path, { maxBytes: this.options.maxConfBytes });
    if (this.closed) return;
    if (read.kind === 'problem') {
      if (read.missing) return this.fileRemoved(path);
      if (read.incomplete && !settled) {
        // Most likely still being written: look again once it has had time to settle.
        clearTimeout(this.settling.get(path));
        const timer = setTimeout(() => {
          this.settling.delete(path);
          void this.refresh(path, true);
        }, this.options.settleMs ?? 500);
        timer.unref();
        this.settling.set(path, timer);
        return;
      }
      this.setProblem(read.problem);
      this.dropClaim(path);
      return;
    }
    clearTimeout(this.settling.get(path));
    this.settling.delete(path);
    this.clearProblem(path);
    const { conf } = read;
    const folderIndex = this.folders.indexOf(dirname(path));
    const previous = this.claims.get(path);
    const unchanged = previous?.raw.equals(read.raw) && previous.file.mtimeMs === read.file.mtimeMs;
    if (unchanged) return;
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

  private async fileRemoved(path: string): Promise<void> {
    clearTimeout(this.settling.get(path));
    this.settling.delete(path);
    this.clearProblem(path);
    this.dropClaim(path);
  }

  private dropClaim(path: string): void {
    const id = this.claims.delete(path);
    if (id !== undefined) this.reconcile(id);
  }

  /** Brings the entry for `id` in line with the files that claim it. */
  private reconcile(id: string): void {
    const { winner, losers } = this.claims.claimsOf(id);
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

    const entry = this.entries.get(id);
    if (!winner) {
      if (entry) this.removeEntry(entry);
      return;
    }
    if (!entry) {
      const created = new PluginEntry(winner);
      this.entries.set(id, created);
      this.emit({ type: 'discovered', plugin: created.snapshot() });
      this.autoStart(created);
      return;
    }
    const before = entry.record;
    if (before === winner) return;
    entry.record = winner;
    const endpointChanged = before.conf.sock !== winner.conf.sock || before.conf.url !== winner.conf.url;
    const wasStarted = entry.state === 'started';
    if (entry.client && (endpointChanged || entry.unreachable)) {
      // A new endpoint, or a rewritten .pconf from a plugin we lost: most likely a new process,
      // so the old connection and methods are of no use; activate afresh.
      entry.generation++;
      entry.endSubscriptions();
      void entry.client.close();
      entry.client = undefined;
      entry.methods = [];
      entry.setState('discovered', endpointChanged ? 'socket or url changed' : '.pconf rewritten');
    }
    this.emit({ type: 'changed', plugin: entry.snapshot() });
    this.autoStart(entry, wasStarted);
  }

  private removeEntry(entry: PluginEntry): void {
    entry.generation++;
    entry.endSubscriptions();
    // Calls in flight fail with PLUGIN_GONE rather than waiting for their deadline.
    entry.client?.destroy(`${entry.id}: its .pconf was removed`);
    entry.client = undefined;
    this.entries.delete(entry.id);
    if (entry.state !== 'stopped') {
      entry.setState('stopped', '.pconf removed');
      this.emit({ type: 'stopped', plugin: entry.snapshot() });
    }
    this.emit({ type: 'removed', plugin: entry.snapshot() });
  }

  /** Starts a plugin that discovery should start: not lazy, or started before (e.g. by the user). */
  private autoStart(entry: PluginEntry, wasStarted = false): void {
    if (entry.transition) return;
    if (!wasStarted && (!this.autoDiscoverOn || entry.record.conf.lazyLoad)) return;
    if (entry.state !== 'discovered' && entry.state !== 'stopped') return;
    // Failures are recorded on the entry and emitted; nothing to do with them here.
    void this.runTransition(entry, () => this.activate(entry)).catch(() => undefined);
  }

  /** With autoDiscover off, finds `<NameSpace><Name><ext>` in the folders (Go: LoadPlugin). */
  private async loadOnDemand(id: string): Promise<PluginEntry | undefined> {
    const slash = id.indexOf('/');
    const namespace = slash < 0 ? '' : id.slice(0, slash);
    const name = slash < 0 ? id : id.slice(slash + 1);
    for (const folder of this.folders) {
      const path = join(folder, goFileStem(namespace, name) + this.extension);
      await this.refresh(path);
      // The Go file name joins NameSpace and Name, so check the file really is this plugin.
      const entry = this.entries.get(id);
      if (entry) return entry;
    }
    return undefined;
  }

  // ---------- lifecycle internals ----------

  private async runTransition(entry: PluginEntry, work: () => Promise<void>): Promise<void> {
    const transition = work();
    entry.transition = transition;
    try {
      await transition;
    } finally {
      if (entry.transition === transition) entry.transition = undefined;
    }
  }

  private async activate(entry: PluginEntry): Promise<void> {
    const generation = ++entry.generation;
    const { conf } = entry.record;
    entry.setState('starting');
    this.emit({ type: 'starting', plugin: entry.snapshot() });
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
      entry.setState('started');
      this.emit({ type: 'started', plugin: entry.snapshot() });
    } catch (err) {
      await client.close();
      if (generation !== entry.generation) return;
      const error = asGoPlugError(err, entry.id);
      entry.error = error.toInfo();
      entry.unreachable = REACHABILITY_CODES.has(error.code) || error.code === 'UNTRUSTED';
      entry.setState('discovered', error.message);
      this.emit({ type: 'error', id: entry.id, path: entry.record.path, error: entry.error });
      this.emit({ type: 'changed', plugin: entry.snapshot() });
      throw error;
    }
  }

  private async deactivate(entry: PluginEntry): Promise<void> {
    const generation = ++entry.generation;
    entry.setState('stopping');
    this.emit({ type: 'stopping', plugin: entry.snapshot() });
    entry.endSubscriptions();
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

  private startedEntry(id: string): PluginEntry {
    this.assertOpen();
    const entry = this.entries.get(id);
    if (!entry) throw notDiscovered(id);
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
    this.emit({ type: 'error', id: entry.id, path: entry.record.path, error: entry.error });
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

  private setProblem(problem: ProblemFile): void {
    this.problemFiles.set(problem.path, problem);
    this.emit({ type: 'problem', problem });
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

function notDiscovered(id: string): GoPlugError {
  return new GoPlugError('NOT_DISCOVERED', `no plugin ${id} has been discovered`);
}

function notStarted(entry: PluginEntry): GoPlugError {
  return new GoPlugError('NOT_STARTED', `${entry.id} is ${entry.state}, not started`);
}

function asGoPlugError(err: unknown, id: string): GoPlugError {
  if (isGoPlugError(err)) return err;
  return new GoPlugError('BAD_RESPONSE', `${id}: ${err instanceof Error ? err.message : String(err)}`, {
    cause: err,
  });
}
