/**
 * The approved launch commands: `approvals.json` in the data folder (mode 0600), one approval per
 * manifest path, holding the hash of the command that was approved (src/core/launcher/approvals.ts).
 * Shared by every process on the same data folder: `goplug trust` and `goplug up --trust` write
 * it, `goplug serve` and `goplug up` watch it, so an approval given in a terminal takes effect
 * in a running Studio at once. A file that is not ours, or that others may write, approves
 * nothing: whoever could write it could approve their own command.
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { commandHash, commandLine, type LaunchApprovals } from '../core/launcher/approvals.js';
import { octalMode } from '../core/files/fileType.js';
import type { LaunchManifest } from '../core/types.js';
import { writeFileAtomic } from '../core/files/atomicWrite.js';
import { loadJsonFile } from './jsonFile.js';

export const APPROVALS_FILE = 'approvals.json';

export interface Approval {
  /** The manifest file, absolute. */
  path: string;
  /** commandHash() of the manifest when it was approved. */
  hash: string;
  /** What the person saw and approved. */
  commandLine: string;
  at: number;
}

const approvalsSchema = z.array(
  z.object({ path: z.string(), hash: z.string(), commandLine: z.string(), at: z.number() }).strict(),
);

export class ApprovalStore implements LaunchApprovals {
  readonly #file: string;
  #byPath = new Map<string, Approval>();
  readonly #listeners = new Set<() => void>();
  #watcher: FSWatcher | undefined;
  #reloadTimer: NodeJS.Timeout | undefined;
  /** Writes (and the reload each starts with) run one at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(dataDir: string) {
    this.#file = join(dataDir, APPROVALS_FILE);
  }

  /**
   * Loads the approvals; with `watch`, follows changes other processes make. `notice` says why the
   * file was not used, when it was not.
   */
  static async open(
    dataDir: string,
    options: { watch?: boolean } = {},
  ): Promise<{ store: ApprovalStore; notice?: string }> {
    const store = new ApprovalStore(resolve(dataDir));
    const notice = await store.#reload();
    if (options.watch) {
      // The folder must be there to be watched: `goplug trust` may write the first approval later.
      await mkdir(resolve(dataDir), { recursive: true, mode: 0o700 });
      store.#watch(resolve(dataDir));
    }
    return notice === undefined ? { store } : { store, notice };
  }

  isApproved(manifestPath: string, manifest: LaunchManifest): boolean {
    return this.#byPath.get(resolve(manifestPath))?.hash === commandHash(manifest);
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Approves this manifest's command at this path (replacing what was approved there before). */
  approve(manifestPath: string, manifest: LaunchManifest): Promise<Approval> {
    const run = this.#queue.then(async () => {
      const notice = await this.#reload();
      if (notice !== undefined) throw new Error(`${notice} Nothing was approved.`);
      const approval: Approval = {
        path: resolve(manifestPath),
        hash: commandHash(manifest),
        commandLine: commandLine(manifest),
        at: Date.now(),
      };
      const next = new Map(this.#byPath).set(approval.path, approval);
      await writeFileAtomic(this.#file, `${JSON.stringify([...next.values()], null, 2)}\n`, { createFolder: true });
      this.#byPath = next;
      this.#changed();
      return approval;
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  close(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
    clearTimeout(this.#reloadTimer);
    this.#listeners.clear();
  }

  /** Reads the file again; answers why it approves nothing, when it does not hold up. */
  async #reload(): Promise<string | undefined> {
    const before = this.#byPath;
    const { approvals, notice } = await this.#read();
    this.#byPath = new Map(approvals.map((a) => [a.path, a]));
    if (JSON.stringify([...before.values()]) !== JSON.stringify(approvals)) this.#changed();
    return notice;
  }

  async #read(): Promise<{ approvals: Approval[]; notice?: string }> {
    const stats = await stat(this.#file).catch(() => undefined);
    if (stats === undefined) return { approvals: [] };
    const me = process.getuid?.();
    const why =
      me !== undefined && stats.uid !== me
        ? `is owned by uid ${stats.uid}, not by you (uid ${me})`
        : (stats.mode & 0o022) !== 0
          ? `may be written by others (mode ${octalMode(stats.mode)})`
          : undefined;
    if (why !== undefined) {
      return {
        approvals: [],
        notice: `${this.#file} ${why}, so it approves no command; remove it, and approve again.`,
      };
    }
    const loaded = await loadJsonFile<Approval[]>(
      this.#file,
      (raw) => {
        const parsed = approvalsSchema.safeParse(raw);
        return parsed.success
          ? { ok: true, value: parsed.data }
          : { ok: false, reason: 'not a list of approvals' };
      },
      () => [],
    );
    return loaded.notice === undefined
      ? { approvals: loaded.value }
      : { approvals: loaded.value, notice: loaded.notice };
  }

  #watch(dataDir: string): void {
    try {
      this.#watcher = watch(dataDir, { persistent: false }, (_event, name) => {
        if (name !== null && name !== APPROVALS_FILE) return;
        // A rename into place comes as several events: read once they settle.
        clearTimeout(this.#reloadTimer);
        this.#reloadTimer = setTimeout(() => void this.#reload().catch(() => undefined), 20);
      });
      this.#watcher.on('error', () => this.#watcher?.close());
    } catch {
      // No watching (e.g. the folder vanished): approvals made here still apply at once.
    }
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
