/**
 * What the registry asks of the process supervisor, decided in one place: which spec launches a
 * plugin, whether a plugin is served by a process we did not launch, what a snapshot shows of the
 * process, and whether discovery should launch it.
 */
import { dirname, join } from 'node:path';
import { GoPlugError } from '../errors.js';
import { commandLine, type LaunchApprovals } from '../launcher/approvals.js';
import type { LaunchSpec, ProcessSupervisor } from '../launcher/index.js';
import { probeSocket } from '../pconf/index.js';
import { goFileStem } from '../pluginId.js';
import type { ManifestRecord } from './claims.js';
import type { RegistryOptions } from './registry.js';
import type { PluginEntry, ProcessLookup } from './pluginEntry.js';

export class LaunchPlan {
  constructor(
    readonly supervisor: ProcessSupervisor,
    private readonly folders: readonly string[],
    private readonly extension: string,
    /** Without it every trusted manifest may run: the program that opened the registry decided so. */
    private readonly approvals?: LaunchApprovals,
    private readonly knownCommand?: RegistryOptions['knownCommand'],
  ) {}

  /** Manifest files seen waiting for approval, so that an approval launches just those. */
  readonly #seenWaiting = new WeakSet<ManifestRecord>();

  /** The exact command line of the plugin's manifest file while it waits for a person's approval. */
  waitingApproval(entry: PluginEntry | undefined): string | undefined {
    const file = entry?.manifestRecord;
    if (!file || !this.approvals || this.approvals.isApproved(file.path, file.manifest)) return undefined;
    this.#seenWaiting.add(file);
    return commandLine(file.manifest);
  }

  /** The plugin's manifest waited for approval and has it now (told once). */
  approvedSinceSeen(entry: PluginEntry): boolean {
    const file = entry.manifestRecord;
    if (!file || !this.#seenWaiting.has(file) || this.waitingApproval(entry) !== undefined) return false;
    this.#seenWaiting.delete(file);
    return true;
  }

  /**
   * The plugin's manifest file as a launch, or what the supervisor launched in one of our folders,
   * or the known command it was started with elsewhere.
   */
  spec(entry: PluginEntry): LaunchSpec | undefined {
    const file = entry.manifestRecord;
    if (!file) return this.launchedHere(entry.id) ?? this.knownLaunch(entry);
    const folder = dirname(file.path);
    const { namespace, name } = file.manifest;
    return {
      id: entry.id,
      manifest: file.manifest,
      folder,
      pconfPath: join(folder, goFileStem(namespace, name) + this.extension),
    };
  }

  /** A process launched for a folder of ours without a manifest file (e.g. a sample): it stays listed. */
  launchedHere(id: string): LaunchSpec | undefined {
    const spec = this.supervisor.spec(id);
    return spec && this.folders.includes(spec.folder) ? spec : undefined;
  }

  /** A plugin started elsewhere with a command we know as our own (see RegistryOptions.knownCommand). */
  private knownLaunch(entry: PluginEntry): LaunchSpec | undefined {
    const origin = entry.outsideOrigin;
    const spec = origin?.kind === 'outside' ? this.knownCommand?.(entry.id, origin) : undefined;
    return spec && this.folders.includes(spec.folder) ? spec : undefined;
  }

  readonly lookup = (id: string, entry: PluginEntry | undefined): ReturnType<ProcessLookup> => ({
    process: this.supervisor.info(id),
    manifest: this.launchedHere(id)?.manifest,
    waitingApproval: this.waitingApproval(entry),
    launchable: entry !== undefined && this.spec(entry) !== undefined,
  });

  /** Launch before activating: there is a spec, nothing of ours runs, and nobody else serves the .pconf. */
  async needsLaunch(entry: PluginEntry): Promise<LaunchSpec | undefined> {
    const spec = this.spec(entry);
    if (!spec || this.supervisor.info(entry.id)?.state === 'running') return undefined;
    const served =
      entry.record !== undefined &&
      !this.supervisor.isActive(entry.id) &&
      (await probeSocket(entry.record.conf.sock)).reachable === true;
    if (served) return undefined;
    const waiting = this.waitingApproval(entry);
    if (waiting !== undefined) {
      throw new GoPlugError(
        'NOT_APPROVED',
        `${entry.id}: its launch command waits for your approval: ${waiting}`,
      );
    }
    return spec;
  }

  /** Discovery launches a manifest with autoStart that is not running or being started already. */
  wantsAutoLaunch(entry: PluginEntry): boolean {
    return (
      entry.manifestRecord?.manifest.autoStart === true &&
      this.waitingApproval(entry) === undefined &&
      !entry.transition &&
      entry.state !== 'started' &&
      !this.supervisor.isActive(entry.id)
    );
  }
}
