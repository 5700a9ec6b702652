/**
 * Watches ONE discovery folder: the entries in it, and the folder itself.
 *
 * - The folder itself (it may not exist yet, be deleted and recreated, be renamed, be a symlink,
 *   be replaced by one, or have its permissions changed): chokidar watches its name in the parent
 *   folder (depth 0, everything else ignored; while the parent is missing, chokidar watches the
 *   nearest ancestor for it). Whenever that entry changes, the entries are watched afresh and the
 *   listener is asked to list the folder again.
 * - The entries inside: `node:fs.watch` on the folder (one inotify watch, following a symlinked
 *   folder). Each event names one entry, which is handed on as it is: no event costs work
 *   proportional to the folder's size (chokidar re-reads the whole folder, an lstat per entry,
 *   on every event: docs/PERFORMANCE.md). An event without a name means one listing of the folder.
 * - Polling, for folders whose filesystem sends no events (network mounts): chokidar polls both,
 *   when the setting asks for it, or when the system refuses another fs.watch (EMFILE, ENOSPC):
 *   then for that folder alone, said once.
 */
import { watch as watchNatively } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { errnoCode, explainErrno } from '../files/errno.js';
import type { DiscoveryListener } from './discovery.js';

/** How often a polled folder, and each conf file in it, is looked at. */
export const POLL_INTERVAL_MS = 1000;

/**
 * chokidar (polling) drops a change that follows another for the same path within 50 ms, and a
 * removal within 100 ms of one: so once a path it reported has been quiet for longer than that, it
 * is reported once more, and the registry reads what is really there (an unchanged file costs
 * one small read). fs.watch drops nothing: its events need no confirming.
 */
const CONFIRM_AFTER_MS = 150;

/** fs.watch failures that say the system has no watch left for us, not that the folder is wrong. */
const OUT_OF_WATCHES: Record<string, string> = {
  ENOSPC: 'the limit of inotify watches is reached (ENOSPC, fs.inotify.max_user_watches)',
  EMFILE: 'the limit of inotify instances or open files is reached (EMFILE)',
};

/**
 * chokidar never says 'ready' when the path it was given vanishes before its first look (its stat
 * fails with ENOENT, which it swallows). A reopen waiting for it would wait for ever, and with it
 * every later change of the folder: so the wait has a deadline. Going on early loses nothing: the
 * initial files are not reported either way, and the reopen lists the folder next.
 */
const READY_DEADLINE_MS = 2000;

function whenReady(watcher: FSWatcher): Promise<void> {
  return new Promise<void>((done) => {
    const timer = setTimeout(done, READY_DEADLINE_MS);
    timer.unref();
    watcher.once('ready', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/**
 * What tells a folder from one made again under its name: inode and birth time (the kernel hands a
 * freed inode number straight to the next folder made, so a folder deleted and made again within
 * one poll has the same inode), mode and owner; '' when there is none.
 */
async function folderIdentity(folder: string): Promise<string> {
  const now = await stat(folder).catch(() => undefined);
  return now ? `${now.ino}:${now.birthtimeMs}:${now.mode}:${now.uid}:${now.gid}` : '';
}

export interface FolderWatchOptions {
  /** Poll instead of waiting for the system's events (the "Watch by polling" setting). */
  polling: boolean;
}

interface Closable {
  close(): unknown;
}

export class FolderWatch {
  private readonly parent: string;
  private readonly name: string;
  /** The folder's entry in its parent (chokidar; when polling, a poll of the folder's own stat too). */
  private entry: Closable | undefined;
  /** The entries inside the folder: fs.watch, or chokidar when polling. */
  private files: Closable | undefined;
  private polling: boolean;
  /** The fallback to polling has been said (once per folder). */
  private toldPolling = false;
  /** Paths waiting to be reported once more, see CONFIRM_AFTER_MS. */
  private readonly confirming = new Map<string, NodeJS.Timeout>();
  /** The reopen under way, and what another change meanwhile asks of it. */
  private reopening: Promise<void> | undefined;
  private again = false;
  private entryStale = false;
  private closed = false;

  private constructor(
    private readonly folder: string,
    private readonly isConfFile: (path: string) => boolean,
    private readonly listener: DiscoveryListener,
    options: FolderWatchOptions,
  ) {
    this.parent = dirname(folder);
    this.name = basename(folder);
    this.polling = options.polling;
  }

  /** Resolves once the folder is watched (its entries too, when it exists), so a file written after that is seen. */
  static async open(
    folder: string,
    isConfFile: (path: string) => boolean,
    listener: DiscoveryListener,
    options: FolderWatchOptions,
  ): Promise<FolderWatch> {
    const folderWatch = new FolderWatch(folder, isConfFile, listener, options);
    // The caller lists the folder once it is watched: no need to ask for that here.
    folderWatch.reopen(true, false);
    await folderWatch.reopening;
    return folderWatch;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.confirming.values()) clearTimeout(timer);
    this.confirming.clear();
    await this.reopening;
    await this.entry?.close();
    this.entry = undefined;
    await this.files?.close();
    this.files = undefined;
  }

  /** The folder's name in its parent, and the ancestors chokidar watches while the parent is missing. */
  private async watchEntry(): Promise<Closable> {
    const isFolderOrAncestor = (path: string) =>
      path === this.folder || this.folder.startsWith(path.endsWith(sep) ? path : path + sep);
    const entry = watch(this.parent, {
      depth: 0,
      ignoreInitial: true,
      atomic: false,
      followSymlinks: false,
      usePolling: this.polling,
      interval: POLL_INTERVAL_MS,
      binaryInterval: POLL_INTERVAL_MS,
      ignored: (path) => path !== this.parent && !isFolderOrAncestor(path),
    });
    entry.on('all', (_event, path) => {
      if (path === this.folder) this.reopen();
      // An ancestor appeared: chokidar does not look deeper than depth 0 from where it watches now.
      else if (isFolderOrAncestor(path)) this.reopen(true);
    });
    // Without polling, fs.watch on the parent names the folder at once, permission changes included.
    entry.on('raw', (_event, name, details) => {
      if (
        (details as { watchedPath?: unknown }).watchedPath === this.parent &&
        (name === this.name || name === null)
      )
        this.reopen();
    });
    entry.on('error', (err) => this.watchFailed(err, `watching ${this.parent} for the plugin folder`));
    await whenReady(entry);
    if (!this.polling) return entry;
    // A folder deleted and recreated between two polls keeps its name in the parent's listing:
    // its own identity tells (not its mtime, which every file written in it moves).
    // A stat on a timer of our own, not fs.watchFile: Node shares one stat watcher per path, and
    // chokidar's polling of the same path ends every listener on it when it lets go (unwatchFile
    // without a listener), which silently ended this one and, with it, the folder's deletion.
    let before = await folderIdentity(this.folder);
    const timer = setInterval(() => {
      void folderIdentity(this.folder).then((now) => {
        if (now === before) return;
        before = now;
        this.reopen();
      });
    }, POLL_INTERVAL_MS);
    return {
      close: async () => {
        clearInterval(timer);
        await entry.close();
      },
    };
  }

  /**
   * Watches the entries of the folder. A missing folder or one that is not a directory is not
   * watched: listing it says why. No awaitWriteFinish: plugins rename finished files into place,
   * and half-written ones are handled by the registry's settle timer instead of a 2 s wait.
   */
  private async watchFiles(): Promise<void> {
    const isDirectory = await stat(this.folder).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDirectory || this.closed) return;
    if (!this.polling) {
      try {
        const files = watchNatively(this.folder, (_event, name) => this.entryChanged(name));
        files.on('error', (err) => this.watchFailed(err, 'watching the plugin folder'));
        this.files = files;
        return;
      } catch (err) {
        if (!this.fallBackToPolling(err)) {
          this.listener.warning(`cannot watch the plugin folder: ${explainErrno(err)}`, this.folder);
          return;
        }
      }
    }
    this.files = await this.pollFiles();
  }

  /** One entry of the folder changed, appeared or went: the registry reads that one path. */
  private entryChanged(name: string | null): void {
    if (this.closed) return;
    if (name === null) {
      this.listener.folderChanged(this.folder);
      return;
    }
    const path = join(this.folder, name);
    // Reported as changed even when it went: reading a missing file counts as its removal.
    if (this.isConfFile(path)) this.listener.changed(path);
  }

  /**
   * chokidar polling the folder's files (depth 0) at its real path (with followSymlinks off it
   * would not look inside a symlinked folder), reported under the folder's own path.
   */
  private async pollFiles(): Promise<FSWatcher | undefined> {
    const real = await realpath(this.folder).catch(() => undefined);
    if (real === undefined || this.closed) return undefined;
    const files = watch(real, {
      depth: 0,
      ignoreInitial: true,
      atomic: false,
      followSymlinks: false,
      usePolling: true,
      interval: POLL_INTERVAL_MS,
      binaryInterval: POLL_INTERVAL_MS,
      // Keep directories (the folder itself) and conf files; drop everything else early.
      ignored: (path, stats) => stats !== undefined && !stats.isDirectory() && !this.isConfFile(path),
    });
    files.on('all', (event, path) => {
      if (dirname(path) !== real || !this.isConfFile(path)) return;
      const ours = join(this.folder, basename(path));
      // A directory named like a conf file is reported as a problem, not ignored.
      if (event === 'unlink' || event === 'unlinkDir') this.listener.removed(ours);
      else this.listener.changed(ours);
      this.confirmLater(ours);
    });
    files.on('error', (err) => this.listener.warning(`watcher error: ${explainErrno(err)}`, this.folder));
    await whenReady(files);
    if (!this.closed) return files;
    await files.close();
    return undefined;
  }

  private confirmLater(path: string): void {
    clearTimeout(this.confirming.get(path));
    const timer = setTimeout(() => {
      this.confirming.delete(path);
      if (!this.closed) this.listener.changed(path);
    }, CONFIRM_AFTER_MS);
    timer.unref();
    this.confirming.set(path, timer);
  }

  /** A watch failed after it was set up: out of watches means polling; anything else is said. */
  private watchFailed(err: unknown, doing: string): void {
    if (this.closed) return;
    if (this.fallBackToPolling(err)) this.reopen(true);
    else this.listener.warning(`${doing}: ${explainErrno(err)}`, this.folder);
  }

  /** Switches this folder to polling when the system has no watch left; says so once. */
  private fallBackToPolling(err: unknown): boolean {
    const reason = OUT_OF_WATCHES[errnoCode(err) ?? ''];
    if (reason === undefined || this.polling) return false;
    this.polling = true;
    if (!this.toldPolling) {
      this.toldPolling = true;
      this.listener.warning(
        `cannot watch plugin folder ${this.folder} for changes: ${reason}; polling it every ${POLL_INTERVAL_MS / 1000} s instead`,
        this.folder,
      );
    }
    return true;
  }

  /**
   * The folder entry changed: watch whatever it now is, then have the folder listed again. With
   * `entryToo` the folder's entry is watched afresh as well (an ancestor appeared, or polling
   * replaces fs.watch); the new watch is ready before the old one closes, so nothing falls between.
   * Everything that sets up a watch goes through here, one at a time.
   */
  private reopen(entryToo = false, listAfter = true): void {
    if (this.closed) return;
    this.entryStale ||= entryToo;
    if (this.reopening) {
      this.again = true;
      return;
    }
    this.reopening = (async () => {
      let list = listAfter;
      do {
        this.again = false;
        if (this.entryStale) {
          this.entryStale = false;
          const old = this.entry;
          this.entry = await this.watchEntry();
          await old?.close();
        }
        await this.files?.close();
        this.files = undefined;
        if (this.closed) break;
        await this.watchFiles();
        if (!this.closed && list) this.listener.folderChanged(this.folder);
        list = true;
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
