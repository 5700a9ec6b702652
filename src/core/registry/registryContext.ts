/**
 * What the registry's parts share: its options, the claims on each id, the entries, the problem
 * files, the reads under way and the one way out for events. registry.ts holds one and passes it
 * to the parts (fileIntake, reconcile, transitions, launched, health), which hold no state of
 * their own.
 */
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { GoPlugError } from '../errors.js';
import { isManifestFile } from '../launcher/index.js';
import { disposer } from '../disposers.js';
import type { Disposer, RegistryEvent } from '../types.js';
import { Claims, type ConfRecord, type ManifestRecord } from './claims.js';
import { isConfFile, type FoldersWatcher } from './discovery.js';
import { LaunchPlan } from './launchPlan.js';
import { PathReads } from './pathReads.js';
import { PluginEntry, type StartedEntry } from './pluginEntry.js';
import { ProblemFiles } from './problemFiles.js';
import type { RegistryOptions } from './registry.js';
import { notDiscovered, notStarted } from './registryErrors.js';
import { SocketOwners } from './socketOwner.js';

/** Reads one watched file (a .pconf or a manifest); `settled` once it had time to be written whole. */
export type FileReader = (ctx: RegistryContext, path: string, settled: boolean) => Promise<void>;

export class RegistryContext {
  readonly options: RegistryOptions;
  /** In the order they win claims; a folder added later (registry.addFolder) comes last. */
  readonly folders: string[];
  readonly extension: string;
  readonly confs = new Claims<ConfRecord>();
  readonly manifests = new Claims<ManifestRecord>();
  /** Present when the registry was given a supervisor: then plugins with a manifest are launched. */
  readonly plan: LaunchPlan | undefined;
  readonly entries = new Map<string, PluginEntry>();
  readonly problems: ProblemFiles;
  readonly reads: PathReads;
  autoDiscover: boolean;
  /** Finds the processes serving sockets for plugins we did not launch (processOrigin.ts). */
  readonly owners = new SocketOwners();
  /** Look-ups under way (who serves a socket), so that whenIdle waits for them too. */
  readonly lookups = new Set<Promise<void>>();
  watcher: FoldersWatcher | undefined;
  closed = false;
  private readonly emitter = new EventEmitter();

  constructor(options: RegistryOptions, readFile: FileReader) {
    this.options = options;
    this.folders = options.folders.map((f) => resolve(f));
    this.extension = options.confExtension ?? '.pconf';
    this.autoDiscover = options.autoDiscover ?? true;
    this.plan =
      options.launcher &&
      new LaunchPlan(options.launcher, this.folders, this.extension, options.approvals, options.knownCommand);
    this.problems = new ProblemFiles(this.emit);
    this.reads = new PathReads((path, settled) => readFile(this, path, settled), options.settleMs ?? 500);
    // A UI, a CLI and tests may all listen; the default limit of 10 is not a leak signal here.
    this.emitter.setMaxListeners(0);
  }

  /** Launch manifests are found beside the .pconf files; a manifest wins when the extension is `.json`. */
  readonly isWatchedFile = (path: string): boolean =>
    isManifestFile(path) || isConfFile(path, this.extension);

  /** The one way out for events: nothing goes out once the registry is closed. */
  readonly emit = (event: RegistryEvent): void => {
    if (!this.closed) this.emitter.emit('event', event);
  };

  listen(listener: (event: RegistryEvent) => void): Disposer {
    this.emitter.on('event', listener);
    return disposer(() => this.emitter.off('event', listener));
  }

  removeAllListeners(): void {
    this.emitter.removeAllListeners();
  }

  newEntry(id: string, record: ConfRecord | undefined, manifest: ManifestRecord | undefined): PluginEntry {
    const entry = new PluginEntry(id, record, manifest, (key) => this.plan?.lookup(key, this.entries.get(key)) ?? {}, this.emit);
    this.entries.set(id, entry);
    return entry;
  }

  /** Keeps `work` among the look-ups under way until it settles. */
  track(work: Promise<void>): void {
    const settled = work.catch(() => undefined).finally(() => this.lookups.delete(settled));
    this.lookups.add(settled);
  }

  assertOpen(): void {
    if (this.closed) throw new GoPlugError('NOT_STARTED', 'the plugin registry is closed');
  }

  /** The plugin's entry, or NOT_DISCOVERED (the registry must be open). */
  knownEntry(id: string): PluginEntry {
    this.assertOpen();
    const entry = this.entries.get(id);
    if (!entry) throw notDiscovered(id);
    return entry;
  }

  startedEntry(id: string): StartedEntry {
    const entry = this.knownEntry(id);
    if (!entry.isStarted()) throw notStarted(entry);
    return entry;
  }
}
