/**
 * Watches ONE discovery folder: the conf files in it, and the folder itself. A folder may not
 * exist yet, be deleted and recreated, be a symlink, be replaced by one, or have its permissions
 * changed. chokidar watches the directory it was given, not its name: it never sees a folder
 * come back, and with followSymlinks off it does not look inside a symlinked folder at all. So
 * the files are watched at the folder's real path, and the folder's name is watched in its
 * parent (one inotify watch); whenever that entry changes, the file watch is opened afresh and
 * the listener is asked to list the folder again.
 */
import { watch as watchEntries, type FSWatcher as EntryWatcher } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { explainErrno } from '../files/errno.js';
import type { DiscoveryListener } from './discovery.js';

/**
 * chokidar drops a change that follows another for the same path within 50 ms, and a removal
 * within 100 ms of one: so once a path has been quiet for longer than that, it is reported once
 * more, and the registry reads what is really there (an unchanged file costs one small read).
 */
const CONFIRM_AFTER_MS = 150;

export class FolderWatch {
  private files: FSWatcher | undefined;
  /** Paths waiting to be reported once more, see CONFIRM_AFTER_MS. */
  private readonly confirming = new Map<string, NodeJS.Timeout>();
  private entry: EntryWatcher | undefined;
  /** The reopen under way, and whether another change came meanwhile. */
  private reopening: Promise<void> | undefined;
  private again = false;
  private closed = false;

  private constructor(
    private readonly folder: string,
    private readonly isConfFile: (path: string) => boolean,
    private readonly listener: DiscoveryListener,
  ) {}

  /** Resolves once the files are watched (when the folder exists), so a file written after that is seen. */
  static async open(
    folder: string,
    isConfFile: (path: string) => boolean,
    listener: DiscoveryListener,
  ): Promise<FolderWatch> {
    const folderWatch = new FolderWatch(folder, isConfFile, listener);
    folderWatch.watchEntry();
    await folderWatch.watchFiles();
    return folderWatch;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.entry?.close();
    for (const timer of this.confirming.values()) clearTimeout(timer);
    this.confirming.clear();
    await this.reopening;
    await this.files?.close();
    this.files = undefined;
  }

  private watchEntry(): void {
    const parent = dirname(this.folder);
    const name = basename(this.folder);
    try {
      this.entry = watchEntries(parent, (_event, changed) => {
        if (changed === null || changed === name) this.reopen();
      });
      this.entry.on('error', (err) =>
        this.listener.warning(
          `stopped watching ${parent} for changes to the plugin folder: ${explainErrno(err)}`,
          this.folder,
        ),
      );
    } catch (err) {
      // No parent: the folder cannot appear without it; a rescan still lists it once it does.
      this.listener.warning(
        `cannot watch ${parent} for the plugin folder to appear or change: ${explainErrno(err)}`,
        this.folder,
      );
    }
  }

  /**
   * Watches the folder's files (depth 0) at its real path and reports them under the folder's own
   * path. A missing folder or one that is not a directory is not watched: listing it says why.
   * `atomic: false` and no awaitWriteFinish: plugins rename finished files into place, and
   * half-written ones are handled by the registry's settle timer instead of a 2 s wait.
   */
  private async watchFiles(): Promise<void> {
    const real = await realpath(this.folder).catch(() => undefined);
    if (
      real === undefined ||
      !(await stat(real).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    )
      return;
    const files = watch(real, {
      depth: 0,
      ignoreInitial: true,
      atomic: false,
      awaitWriteFinish: false,
      followSymlinks: false,
      // Keep directories (the folder itself) and conf files; drop everything else early.
      ignored: (path, stats) => stats !== undefined && !stats.isDirectory() && !this.isConfFile(path),
    });
    /** Only the folder's own entries, under the folder's configured path. */
    const report = (event: (path: string) => void) => (path: string) => {
      if (dirname(path) !== real || !this.isConfFile(path)) return;
      const ours = join(this.folder, basename(path));
      event(ours);
      this.confirmLater(ours);
    };
    files.on(
      'add',
      report((p) => this.listener.changed(p)),
    );
    files.on(
      'change',
      report((p) => this.listener.changed(p)),
    );
    files.on(
      'unlink',
      report((p) => this.listener.removed(p)),
    );
    // A directory named like a conf file is reported as a problem, not ignored.
    files.on(
      'addDir',
      report((p) => this.listener.changed(p)),
    );
    files.on(
      'unlinkDir',
      report((p) => this.listener.removed(p)),
    );
    // chokidar reports a file only after re-reading the whole folder (an lstat per entry): beside
    // 1,000 plugins ~20 ms per event. Its raw event names the file at once, so the registry reads
    // that one file now; chokidar's own event, when it comes, finds it unchanged.
    files.on('raw', (_event, name, details) => {
      if ((details as { watchedPath?: unknown }).watchedPath !== real || typeof name !== 'string') return;
      report((p) => this.listener.changed(p))(join(real, name));
    });
    files.on('error', (err) => this.listener.warning(`watcher error: ${explainErrno(err)}`, this.folder));
    await new Promise<void>((done) => files.once('ready', () => done()));
    if (this.closed) await files.close();
    else this.files = files;
  }

  private confirmLater(path: string): void {
    clearTimeout(this.confirming.get(path));
    const timer = setTimeout(() => {
      this.confirming.delete(path);
      // Reported as changed even when it went: reading a missing file counts as its removal.
      if (!this.closed) this.listener.changed(path);
    }, CONFIRM_AFTER_MS);
    timer.unref();
    this.confirming.set(path, timer);
  }

  /** The folder entry changed: watch whatever it now is, then have the folder listed again. */
  private reopen(): void {
    if (this.closed) return;
    if (this.reopening) {
      this.again = true;
      return;
    }
    this.reopening = (async () => {
      do {
        this.again = false;
        await this.files?.close();
        this.files = undefined;
        await this.watchFiles();
        if (!this.closed) this.listener.folderChanged(this.folder);
      } while (this.again && !this.closed);
    })()
      .catch((err: unknown) =>
        this.listener.warning(`cannot watch the plugin folder: ${explainErrno(err)}`, this.folder),
      )
      .finally(() => {
        this.reopening = undefined;
      });
  }
}
