/**
 * Holds the one PluginRegistry the Studio uses, built from the settings. The conf extension, the
 * trusted socket owners and a removed or reordered folder are fixed when a registry opens, so
 * changing them opens a new registry and closes the old one; the window is told which plugins
 * went and came. A folder added at the end is only added: every plugin keeps its state and
 * history (issue 14 §4).
 */
import { resolve } from 'node:path';
import type { LaunchApprovals } from '../core/launcher/approvals.js';
import type { ProcessSupervisor } from '../core/launcher/index.js';
import { writableFolderWarning } from '../core/launcher/manifestTrust.js';
import { openRegistry, type PluginRegistry, type RegistryOptions } from '../core/registry/index.js';
import type { Disposer, RegistryEvent } from '../core/types.js';
import type { Settings, StudioEvent } from '../shared/contract.js';

/**
 * Settings a registry only reads when it opens. The request defaults need no reopen: the console
 * passes them with every call (start and stop keep the values the registry opened with).
 */
const REOPEN_KEYS: ReadonlyArray<keyof Settings> = [
  'folders',
  'confExtension',
  'allowedSocketOwners',
  'watchByPolling',
];

export interface RegistryHostOptions {
  emit: (event: StudioEvent) => void;
  /** Ping started plugins this often to notice ones that went away. */
  healthCheckMs: number;
  /** Launches plugins with a manifest; shared by every registry this host opens, so a reopen restarts nothing. */
  launcher: ProcessSupervisor;
  /** Called just before a reopen closes the old registry (its subscriptions end with it). */
  onReopen?: () => void;
  /** The approved manifest commands: no other manifest is launched. */
  approvals: LaunchApprovals;
  /** Told about each watched folder others may write to, whenever a registry opens. */
  warn: (message: string) => void;
  /** Launches of plugins started elsewhere with a command the Studio knows (the samples). */
  knownCommand?: RegistryOptions['knownCommand'];
}

export class RegistryHost {
  #registry: PluginRegistry;
  /** Ends the forwarding of the current registry's events. */
  #stopForwarding: Disposer;
  readonly #options: RegistryHostOptions;
  /** Reopens run one at a time, in order. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #forward = (event: RegistryEvent): void => {
    // Notifications reach the window through their subscription, tagged with its id.
    if (event.type !== 'notification') this.#options.emit(event);
  };

  private constructor(registry: PluginRegistry, options: RegistryHostOptions) {
    this.#registry = registry;
    this.#options = options;
    this.#stopForwarding = registry.on('event', this.#forward);
  }

  static async open(settings: Settings, options: RegistryHostOptions): Promise<RegistryHost> {
    const host = new RegistryHost(await openRegistry(registryOptions(settings, options)), options);
    await host.#warnAboutFolders(settings);
    return host;
  }

  async #warnAboutFolders(settings: Settings): Promise<void> {
    for (const folder of settings.folders) {
      const warning = await writableFolderWarning(folder);
      if (warning !== undefined) this.#options.warn(warning);
    }
  }

  /** The registry in use now (a different object after a reopen). */
  get registry(): PluginRegistry {
    return this.#registry;
  }

  /** Brings the registry in line with changed settings: a reopen, or just auto-discovery. */
  apply(settings: Settings, changed: ReadonlyArray<keyof Settings>): Promise<void> {
    const run = this.#queue.then(async () => {
      const added = this.#addedFolders(settings, changed);
      if (added) await this.#addFolders(added);
      else if (changed.some((key) => REOPEN_KEYS.includes(key))) await this.#reopen(settings, changed);
      else if (changed.includes('autoDiscover')) await this.#registry.setAutoDiscover(settings.autoDiscover);
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  /** The folders to add when that is the only change that needs a reopen (the old ones kept, in order). */
  #addedFolders(settings: Settings, changed: ReadonlyArray<keyof Settings>): string[] | undefined {
    if (changed.some((key) => key !== 'folders' && REOPEN_KEYS.includes(key))) return undefined;
    const now = this.#registry.folders;
    const next = settings.folders.map((folder) => resolve(folder));
    const kept = now.every((folder, i) => next[i] === folder);
    return kept && next.length > now.length ? next.slice(now.length) : undefined;
  }

  async #addFolders(folders: string[]): Promise<void> {
    for (const folder of folders) {
      await this.#registry.addFolder(folder);
      const warning = await writableFolderWarning(folder);
      if (warning !== undefined) this.#options.warn(warning);
    }
  }

  async close(): Promise<void> {
    await this.#queue;
    await this.#registry.close();
  }

  async #reopen(settings: Settings, changed: ReadonlyArray<keyof Settings>): Promise<void> {
    const old = this.#registry;
    // Opened first: if it fails, the old registry stays in use and the error reaches the caller.
    const next = await openRegistry(registryOptions(settings, this.#options));
    this.#stopForwarding();
    this.#options.onReopen?.();
    const before = { plugins: old.list(), problems: old.problems() };
    this.#registry = next;
    this.#stopForwarding = next.on('event', this.#forward);
    await old.close();

    const emit = this.#options.emit;
    emit({
      type: 'notice',
      message: `Reloaded the plugin list: ${changed.filter((k) => REOPEN_KEYS.includes(k)).join(', ')} changed.`,
    });
    const now = new Set(next.list().map((plugin) => plugin.id));
    for (const plugin of before.plugins) if (!now.has(plugin.id)) emit({ type: 'removed', plugin });
    const problemsNow = new Set(next.problems().map((problem) => problem.path));
    for (const problem of before.problems)
      if (!problemsNow.has(problem.path)) emit({ type: 'problem-cleared', path: problem.path });
    for (const plugin of next.list()) emit({ type: 'discovered', plugin });
    for (const problem of next.problems()) emit({ type: 'problem', problem });
    await this.#warnAboutFolders(settings);
  }
}

function registryOptions(
  settings: Settings,
  { healthCheckMs, launcher, approvals, knownCommand }: RegistryHostOptions,
): RegistryOptions {
  return {
    folders: settings.folders,
    confExtension: settings.confExtension,
    autoDiscover: settings.autoDiscover,
    watchByPolling: settings.watchByPolling,
    request: { timeoutMs: settings.requestTimeoutMs, maxResponseBytes: settings.maxResponseBytes },
    allowedSocketOwners: settings.allowedSocketOwners,
    healthCheckMs,
    launcher,
    approvals,
    knownCommand,
  };
}
