/**
 * The plugin registry: discovers .pconf files (and launch manifests) in one or more folders, keeps
 * one entry per plugin id, drives each plugin's lifecycle (Discovered → Starting → Started →
 * Stopping → Stopped) and routes calls, pings and callback subscriptions to the plugin's wire
 * client. Given a process supervisor, it also launches the plugins that have a manifest: start
 * spawns the process, stop ends it, and a crashed process is reactivated once it is back.
 *
 * This file holds the options, open/close, the queries and the public verbs; the parts work on
 * one shared RegistryContext: fileIntake (files in), reconcile (entries in line with the files),
 * transitions (start/stop), launched (supervisor events), health, problemFiles.
 */
import { join, resolve } from 'node:path';
import { isBuiltIn } from '../builtinMethods.js';
import { GoPlugError } from '../errors.js';
import { Disposers } from '../disposers.js';
import type { LaunchApprovals } from '../launcher/approvals.js';
import { manifestFileName, type LaunchSpec, type ProcessSupervisor } from '../launcher/index.js';
import { goFileStem } from '../pluginId.js';
import type { Disposer, PluginOrigin, PluginSnapshot, ProblemFile, RegistryEvent } from '../types.js';
import type { CallOptions, WireResponse } from '../wire/types.js';
import { compare } from './claims.js';
import { readFile, rescan, startDiscovery } from './fileIntake.js';
import { subscribeCallback } from './callbacks.js';
import { checkHealth, track } from './health.js';
import { approvalsChanged, onLauncherEvent } from './launched.js';
import type { PluginEntry } from './pluginEntry.js';
import { RegistryContext } from './registryContext.js';
import { cannotStart, notDiscovered, notStarted } from './registryErrors.js';
import { autoLaunch, autoStart, bringUp, deactivate, stopProcess } from './transitions.js';

export interface RegistryOptions {
  folders: string[];
  /** Default `.pconf`. */
  confExtension?: string;
  /** Default true: watch the folders. False: a .pconf is read when its plugin is started by id. */
  autoDiscover?: boolean;
  /** Default false: watch with the system's events. True: poll the folders (network mounts send no events). */
  watchByPolling?: boolean;
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
  /**
   * A launch for a plugin started elsewhere whose command line this host knows as one of its own
   * (the Studio: its sample plugins, run exactly as `goplug demo` runs them), so that it can be
   * started again after a stop without a manifest. Only in a watched folder.
   */
  knownCommand?: (id: string, origin: PluginOrigin) => LaunchSpec | undefined;
}

export class PluginRegistry {
  readonly folders: string[];
  private readonly ctx: RegistryContext;
  private healthTimer: NodeJS.Timeout | undefined;
  /** What the registry registered elsewhere (its supervisor listener), ended by close(). */
  private readonly owned = new Disposers();

  constructor(options: RegistryOptions) {
    this.ctx = new RegistryContext(options, readFile);
    this.folders = this.ctx.folders;
  }

  get autoDiscover(): boolean {
    return this.ctx.autoDiscover;
  }

  /** Every registry event goes to `listener` until the returned disposer is called. */
  on(type: 'event', listener: (event: RegistryEvent) => void): Disposer {
    return this.ctx.listen(listener);
  }

  /** Initial scan and, with autoDiscover, the watcher. Called by openRegistry. */
  async init(): Promise<void> {
    const supervisor = this.ctx.plan?.supervisor;
    if (supervisor) this.owned.add(supervisor.on('event', (event) => onLauncherEvent(this.ctx, event)));
    const approvals = this.ctx.options.approvals;
    if (supervisor && approvals) this.owned.add(approvals.onChange(() => approvalsChanged(this.ctx)));
    if (this.ctx.autoDiscover) await startDiscovery(this.ctx);
    const interval = this.ctx.options.healthCheckMs ?? 0;
    if (interval > 0) {
      this.healthTimer = setInterval(() => void checkHealth(this.ctx), interval);
      this.healthTimer.unref();
    }
  }

  // ---------- queries ----------

  list(): PluginSnapshot[] {
    return [...this.ctx.entries.values()].map((e) => e.snapshot()).sort((a, b) => compare(a.id, b.id));
  }

  problems(): ProblemFile[] {
    return this.ctx.problems.list();
  }

  get(id: string): PluginSnapshot | undefined {
    return this.ctx.entries.get(id)?.snapshot();
  }

  // ---------- lifecycle ----------

  /** Connects and activates a plugin (Go: LoadPlugin). Joins a start already under way. */
  async start(id: string): Promise<PluginSnapshot> {
    this.ctx.assertOpen();
    const entry =
      this.ctx.entries.get(id) ?? (this.ctx.autoDiscover ? undefined : await this.loadOnDemand(id));
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
    await entry.run('start', () => bringUp(this.ctx, entry));
    return entry.snapshot();
  }

  /**
   * Sends `POST /Stop` (Go: UnloadPlugin). A plugin that closes without answering counts as
   * stopped. A launched plugin's process is stopped with escalation (see the launcher), a launch
   * under way is cut short, and a restart waiting in backoff is cancelled.
   */
  async stop(id: string): Promise<PluginSnapshot> {
    const entry = this.ctx.knownEntry(id);
    const plan = this.ctx.plan;
    const launched = plan?.supervisor.isActive(id) === true;
    if (entry.state === 'starting' && entry.transition) {
      if (launched) void plan?.supervisor.stop(id).catch(() => undefined);
      await entry.transition.catch(() => undefined);
    }
    if (entry.state === 'stopping' && entry.transition) {
      await entry.transition;
      return entry.snapshot();
    }
    if (plan?.supervisor.isActive(id)) {
      await entry.run('stop', () => stopProcess(this.ctx, plan, entry));
      return entry.snapshot();
    }
    if (launched) return entry.snapshot();
    if (entry.state !== 'started') throw notStarted(entry);
    await entry.run('stop', () => deactivate(entry));
    return entry.snapshot();
  }

  /**
   * Stops the plugin when it runs, then starts it. A launched plugin gets a fresh crash budget:
   * this is how a user brings back a plugin that was given up on (process state "fatal").
   */
  async restart(id: string): Promise<PluginSnapshot> {
    const entry = this.ctx.knownEntry(id);
    // Stopping a process nobody here can start again would end it for good: refuse before that.
    if (!this.ctx.plan?.spec(entry)) throw cannotStart(entry, 'cannot be restarted');
    if (entry.state === 'started' || entry.state === 'starting' || this.ctx.plan?.supervisor.isActive(id)) {
      await this.stop(id);
    }
    return this.start(id);
  }

  /**
   * Removes a plugin from the list: the one way a row goes (issue 14 §1). Only a plugin that does
   * not run and that no file in a watched folder claims, or discovery would bring it back at once.
   */
  forget(id: string): void {
    const entry = this.ctx.knownEntry(id);
    if (entry.transition || (entry.state !== 'stopped' && entry.state !== 'discovered')) {
      throw new GoPlugError('ALREADY_STARTED', `${id} is ${entry.state}: stop it before forgetting it`);
    }
    const files = [entry.record?.path, entry.manifestRecord?.path].filter((p) => p !== undefined);
    if (files.length > 0 || this.ctx.plan?.supervisor.isActive(id)) {
      throw new GoPlugError(
        'FILES_PRESENT',
        `${id} cannot be forgotten while ${files.join(' and ') || 'the process launched for it'} ${files.length > 1 ? 'are' : 'is'} there: it would be listed again`,
        { hint: 'Delete its .pconf (a stale one, left by a process that died) or its launch manifest first.' },
      );
    }
    this.ctx.entries.delete(id);
    entry.endSubscriptions(new GoPlugError('NOT_DISCOVERED', `${id} was forgotten`));
    entry.tell('removed');
  }

  // ---------- calls ----------

  /** Calls a method (Go: Execute). Non-200 answers resolve; transport failures reject with a code. */
  async execute(
    id: string,
    method: string,
    body?: Buffer | string,
    opts?: CallOptions,
  ): Promise<WireResponse> {
    const entry = this.ctx.startedEntry(id);
    const response = await track(this.ctx, entry, entry.client.call(method, body, opts));
    // The Go plugin's own endpoints answer 400 for a bad request: that is never "method not found".
    if (
      response.status === 400 &&
      response.body.length === 0 &&
      !isBuiltIn(method) &&
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
    const entry = this.ctx.startedEntry(id);
    return track(this.ctx, entry, entry.client.ping(undefined, opts));
  }

  /**
   * Long-polls a callback (Go: RegisterCallback) on a connection of its own, so a waiting poll
   * never blocks calls. Notifications also go out as registry events.
   */
  subscribe(
    id: string,
    callback: string,
    onNotification: (body: Buffer, backlog: boolean) => void,
    onEnd?: (err?: GoPlugError) => void,
  ): Disposer {
    return subscribeCallback(this.ctx, this.ctx.startedEntry(id), callback, onNotification, onEnd);
  }

  /** Resolves when no file is being read and no plugin is starting or stopping. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const busy = [
        ...this.ctx.reads.inFlight(),
        ...this.ctx.lookups,
        ...[...this.ctx.entries.values()].flatMap((e) =>
          e.transition ? [e.transition.catch(() => undefined)] : [],
        ),
      ];
      if (busy.length === 0) return;
      await Promise.all(busy);
    }
  }

  // ---------- discovery control ----------

  /** Re-reads every conf file in the folders; files that vanished are removed. */
  rescan(): Promise<void> {
    return rescan(this.ctx);
  }

  async setAutoDiscover(enabled: boolean): Promise<void> {
    this.ctx.assertOpen();
    if (enabled === this.ctx.autoDiscover) return;
    this.ctx.autoDiscover = enabled;
    if (enabled) {
      await startDiscovery(this.ctx);
      // Plugins found while discovery was off start now, as they would have on discovery.
      for (const entry of this.ctx.entries.values()) {
        autoStart(this.ctx, entry);
        autoLaunch(this.ctx, entry);
      }
    } else {
      await this.ctx.watcher?.close();
      this.ctx.watcher = undefined;
    }
  }

  /**
   * Watches one more folder, last in the order: its plugins are added and every other plugin keeps
   * its state and history (issue 14 §4), where changing the folders otherwise opens a new registry.
   */
  async addFolder(folder: string): Promise<void> {
    this.ctx.assertOpen();
    const path = resolve(folder);
    if (this.ctx.folders.includes(path)) return;
    // The launch plan reads the same array: launches in the new folder are allowed at once.
    this.ctx.folders.push(path);
    if (!this.ctx.autoDiscover) return;
    await this.ctx.watcher?.add(path);
    await rescan(this.ctx);
  }

  /** Releases every socket, watcher and timer. Plugin processes keep running. */
  async close(): Promise<void> {
    const ctx = this.ctx;
    if (ctx.closed) return;
    ctx.closed = true;
    this.owned.dispose();
    clearInterval(this.healthTimer);
    await ctx.watcher?.close();
    ctx.watcher = undefined;
    const closed = new GoPlugError('NOT_STARTED', 'the plugin registry was closed');
    await Promise.all([...ctx.entries.values()].map((entry) => entry.release(closed)));
    await ctx.reads.close();
    ctx.removeAllListeners();
  }

  /** With autoDiscover off, finds `<NameSpace><Name><ext>` in the folders (Go: LoadPlugin). */
  private async loadOnDemand(id: string): Promise<PluginEntry | undefined> {
    const slash = id.indexOf('/');
    const namespace = slash < 0 ? '' : id.slice(0, slash);
    const name = slash < 0 ? id : id.slice(slash + 1);
    for (const folder of this.ctx.folders) {
      await this.ctx.reads.refresh(join(folder, manifestFileName(namespace, name)));
      await this.ctx.reads.refresh(join(folder, goFileStem(namespace, name) + this.ctx.extension));
      // The Go file name joins NameSpace and Name, so check the file really is this plugin.
      const entry = this.ctx.entries.get(id);
      if (entry) return entry;
    }
    return undefined;
  }
}

/** Creates a registry and waits for its initial scan. */
export async function openRegistry(options: RegistryOptions): Promise<PluginRegistry> {
  const registry = new PluginRegistry(options);
  await registry.init();
  return registry;
}
