/**
 * A plugin's output on disk, size-rotated: `<name>.log` grows to `maxBytes`, then becomes
 * `<name>.log.1` (the older ones shift to .2, ...) and a new `<name>.log` starts; at most `files`
 * files are kept. Writes are queued and done one at a time, whole lines only, so a file never
 * holds half a line. A failing disk is reported once and the file is given up; the in-memory
 * buffer still has the lines.
 */
import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LogLine } from '../types.js';

export interface LogFileLimits {
  /** Default 1 MiB. */
  maxBytes?: number;
  /** The current file plus rotated ones. Default 3. */
  files?: number;
}

export const DEFAULT_LOG_FILE_BYTES = 1024 * 1024;
export const DEFAULT_LOG_FILES = 3;

/** One line of the file: time, stream, text. */
export function formatLogLine(line: LogLine): string {
  return `${new Date(line.at).toISOString()} ${line.stream} ${line.text}\n`;
}

export class RotatingLogFile {
  readonly path: string;
  readonly #maxBytes: number;
  readonly #files: number;
  readonly #onError: (err: Error) => void;
  #pending: string[] = [];
  #size: number | undefined;
  #draining: Promise<void> | undefined;
  #failed = false;

  constructor(path: string, limits: LogFileLimits, onError: (err: Error) => void) {
    this.path = path;
    this.#maxBytes = Math.max(1, limits.maxBytes ?? DEFAULT_LOG_FILE_BYTES);
    this.#files = Math.max(1, limits.files ?? DEFAULT_LOG_FILES);
    this.#onError = onError;
  }

  write(lines: readonly LogLine[]): void {
    if (this.#failed || lines.length === 0) return;
    for (const line of lines) this.#pending.push(formatLogLine(line));
    this.#draining ??= this.#drain()
      .catch((err: unknown) => {
        this.#failed = true;
        this.#pending = [];
        this.#onError(err instanceof Error ? err : new Error(String(err)));
      })
      .finally(() => {
        this.#draining = undefined;
      });
  }

  /** Resolves once everything written so far is on disk (or given up). */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async #drain(): Promise<void> {
    if (this.#size === undefined) {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      this.#size = await stat(this.path).then(
        (s) => s.size,
        () => 0,
      );
    }
    while (this.#pending.length > 0) {
      // As many whole lines as fit in the current file; a line alone larger than the limit gets a file of its own.
      let text = '';
      let bytes = 0;
      let taken = 0;
      for (const line of this.#pending) {
        const size = Buffer.byteLength(line);
        if (this.#size + bytes + size > this.#maxBytes && this.#size + bytes > 0) break;
        text += line;
        bytes += size;
        taken++;
      }
      if (taken === 0) {
        await this.#rotate();
        continue;
      }
      this.#pending = this.#pending.slice(taken);
      await appendFile(this.path, text, { mode: 0o600 });
      this.#size += bytes;
    }
  }

  /** .log.(n-1) is dropped, each older file moves up one, .log becomes .log.1. */
  async #rotate(): Promise<void> {
    const name = (i: number) => (i === 0 ? this.path : `${this.path}.${i}`);
    await rm(name(this.#files - 1), { force: true });
    for (let i = this.#files - 2; i >= 0; i--) {
      await rename(name(i), name(i + 1)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    }
    this.#size = 0;
  }
}
