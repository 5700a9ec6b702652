/**
 * The Studio's settings: `settings.json` in the data folder, defaults for what it does not say,
 * written atomically on every change. A corrupt file is moved aside and reported, never fatal.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { settingsPatchSchema, type Settings } from '../shared/contract.js';
import { writeFileAtomic } from '../core/files/atomicWrite.js';
import { loadJsonFile } from './jsonFile.js';
import { issuesText } from './zodIssues.js';

export const SETTINGS_FILE = 'settings.json';

export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export function defaultSettings(defaultFolder: string): Settings {
  return {
    folders: [resolve(defaultFolder)],
    confExtension: '.pconf',
    autoDiscover: true,
    watchByPolling: false,
    requestTimeoutMs: 30_000,
    maxResponseBytes: 64 * 1024 * 1024,
    theme: 'system',
    allowedSocketOwners: [],
  };
}

export class SettingsStore {
  readonly #path: string;
  #current: Readonly<Settings>;
  /** Updates run one after the other so two quick changes cannot overwrite each other on disk. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(path: string, current: Settings) {
    this.#path = path;
    this.#current = frozen(current);
  }

  /** Loads the settings; `notice` is set when the file was unusable and defaults were used. */
  static async load(
    dataDir: string,
    defaultFolder: string,
  ): Promise<{ store: SettingsStore; notice?: string }> {
    const path = join(dataDir, SETTINGS_FILE);
    const defaults = defaultSettings(defaultFolder);
    const loaded = await loadJsonFile<Settings>(
      path,
      (raw) => {
        const parsed = settingsPatchSchema.safeParse(raw);
        if (!parsed.success) return { ok: false, reason: issuesText(parsed.error.issues.slice(0, 1)) };
        return { ok: true, value: normalise({ ...defaults, ...parsed.data }) };
      },
      () => defaults,
    );
    const store = new SettingsStore(path, loaded.value);
    return loaded.notice === undefined ? { store } : { store, notice: loaded.notice };
  }

  /** The settings as they stand: frozen, so callers share one copy (read on every console call). */
  get(): Readonly<Settings> {
    return this.#current;
  }

  /** Applies a validated patch, saves, and says which keys really changed. */
  update(patch: SettingsPatch): Promise<{ settings: Settings; changed: Array<keyof Settings> }> {
    const run = this.#queue.then(async () => {
      const before = this.#current;
      const after = normalise({ ...before, ...patch });
      const changed = (Object.keys(after) as Array<keyof Settings>).filter(
        (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
      );
      if (changed.length > 0) {
        await writeFileAtomic(this.#path, `${JSON.stringify(after, null, 2)}\n`, { createFolder: true });
        this.#current = frozen(after);
      }
      return { settings: this.get(), changed };
    });
    this.#queue = run.catch(() => {});
    return run;
  }
}

/** Replaced whole on every update and never changed in place, so one frozen copy can be handed out. */
function frozen(settings: Settings): Readonly<Settings> {
  Object.freeze(settings.folders);
  Object.freeze(settings.allowedSocketOwners);
  return Object.freeze(settings);
}

/** Folders as absolute paths (`~` is the home folder, as people type it), each once, in the order given. */
function normalise(settings: Settings): Settings {
  const absolute = (folder: string): string =>
    resolve(folder === '~' || folder.startsWith('~/') ? homedir() + folder.slice(1) : folder);
  return { ...settings, folders: [...new Set(settings.folders.map(absolute))] };
}
