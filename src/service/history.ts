/**
 * Console history per plugin: the last requests sent, newest first, kept across restarts in
 * `history.json`. Bounded everywhere (entries per plugin, plugins, stored body size) so a busy
 * day cannot grow the file without limit. Writes are coalesced and atomic.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { HistoryEntry } from '../shared/contract.js';
import { writeFileAtomic } from '../core/files/atomicWrite.js';
import { loadJsonFile } from './jsonFile.js';
import { issuesText } from './zodIssues.js';

export const HISTORY_FILE = 'history.json';
export const MAX_ENTRIES_PER_PLUGIN = 100;
/** Histories of this many plugins at most; the one used least recently goes first. */
export const MAX_PLUGINS = 1_000;
/**
 * Bodies longer than this (in characters of their text or base64 form) are stored cut to it:
 * history is for re-running the usual small requests, not an archive of 64 MiB uploads.
 */
export const MAX_STORED_BODY_CHARS = 1024 * 1024;
/** Several executes in a burst cost one write. */
const WRITE_DELAY_MS = 100;

const entrySchema = z.object({
  id: z.string(),
  method: z.string(),
  body: z.string(),
  bodyEncoding: z.enum(['utf8', 'base64']),
  status: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  durationMs: z.number(),
  at: z.number(),
  cancelled: z.boolean().optional(),
  contentType: z.string().optional(),
});
const fileSchema = z.object({ version: z.literal(1), plugins: z.record(z.string(), z.array(entrySchema)) });

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'at'>;

export class HistoryStore {
  readonly #path: string;
  /** Map order is recency of use: the first key is the least recently used plugin. */
  readonly #byPlugin: Map<string, HistoryEntry[]>;
  readonly #onWriteError: (message: string) => void;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  private constructor(
    path: string,
    byPlugin: Map<string, HistoryEntry[]>,
    onWriteError: (message: string) => void,
  ) {
    this.#path = path;
    this.#byPlugin = byPlugin;
    this.#onWriteError = onWriteError;
  }

  /** Loads `history.json`; `notice` is set when the file was unusable and history starts empty. */
  static async load(
    dataDir: string,
    onWriteError: (message: string) => void,
  ): Promise<{ store: HistoryStore; notice?: string }> {
    const path = join(dataDir, HISTORY_FILE);
    const loaded = await loadJsonFile<Map<string, HistoryEntry[]>>(
      path,
      (raw) => {
        const parsed = fileSchema.safeParse(raw);
        if (!parsed.success) return { ok: false, reason: issuesText(parsed.error.issues.slice(0, 1)) };
        const entries = Object.entries(parsed.data.plugins).map(
          ([id, list]) => [id, list.slice(0, MAX_ENTRIES_PER_PLUGIN)] as const,
        );
        return { ok: true, value: new Map(entries.slice(-MAX_PLUGINS)) };
      },
      () => new Map(),
    );
    const store = new HistoryStore(path, loaded.value, onWriteError);
    return loaded.notice === undefined ? { store } : { store, notice: loaded.notice };
  }

  /** Newest first. */
  list(pluginId: string): HistoryEntry[] {
    return structuredClone(this.#byPlugin.get(pluginId) ?? []);
  }

  record(pluginId: string, entry: NewHistoryEntry): HistoryEntry {
    const full: HistoryEntry = { ...entry, body: storedBody(entry), id: randomUUID(), at: Date.now() };
    // In place: list() hands out copies, so nothing outside holds these arrays.
    const list = this.#byPlugin.get(pluginId) ?? [];
    list.unshift(full);
    if (list.length > MAX_ENTRIES_PER_PLUGIN) list.length = MAX_ENTRIES_PER_PLUGIN;
    this.#byPlugin.delete(pluginId);
    this.#byPlugin.set(pluginId, list);
    for (const oldest of this.#byPlugin.keys()) {
      if (this.#byPlugin.size <= MAX_PLUGINS) break;
      this.#byPlugin.delete(oldest);
    }
    this.#scheduleWrite();
    // Its fields are all primitives: a shallow copy keeps the stored entry out of reach.
    return { ...full };
  }

  clear(pluginId: string): void {
    if (this.#byPlugin.delete(pluginId)) this.#scheduleWrite();
  }

  /** Writes pending changes now; resolves when they are on disk. */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#write();
    }
    await this.#writing;
  }

  #scheduleWrite(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#write();
    }, WRITE_DELAY_MS);
  }

  /** Chained so two writes never race on the same temp-and-rename; the next change writes everything again. */
  #write(): void {
    const plugins = Object.fromEntries(this.#byPlugin);
    const text = `${JSON.stringify({ version: 1, plugins })}\n`;
    this.#writing = this.#writing
      .then(() => writeFileAtomic(this.#path, text, { createFolder: true }))
      .catch((err: unknown) =>
        this.#onWriteError(`Could not save the console history to ${this.#path}: ${(err as Error).message}`),
      );
  }
}

function storedBody(entry: NewHistoryEntry): string {
  if (entry.body.length <= MAX_STORED_BODY_CHARS) return entry.body;
  if (entry.bodyEncoding === 'base64')
    return entry.body.slice(0, MAX_STORED_BODY_CHARS - (MAX_STORED_BODY_CHARS % 4));
  // Do not cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(entry.body.charAt(MAX_STORED_BODY_CHARS - 1))
    ? MAX_STORED_BODY_CHARS - 1
    : MAX_STORED_BODY_CHARS;
  return entry.body.slice(0, end);
}
