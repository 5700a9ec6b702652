/**
 * The recent output of one plugin, in memory: one bounded ring per stream (stdout, stderr and the
 * supervisor's own lines), so a chatty stdout never pushes the stderr lines out that explain a
 * crash. Every line gets the plugin's next sequence number, which orders the streams against each
 * other and lets a reader ask for "what came after the last line I have".
 */
import type { LogLine, LogStream } from '../types.js';

export interface LogBufferLimits {
  /** Per stream. Default 10,000 lines. */
  maxLines?: number;
  /** Per stream, counted as UTF-16 characters × 2. Default 4 MiB. */
  maxBytes?: number;
}

export interface LogQuery {
  stream?: LogStream;
  /** Case-insensitive substring. */
  search?: string;
  /** The newest this many matching lines. Default 1,000. */
  limit?: number;
  /** Only lines with a larger sequence number. */
  afterSeq?: number;
}

export interface LogPage {
  lines: LogLine[];
  /** More lines matched than `limit` let through (the oldest were left out). */
  truncated: boolean;
  /** Lines the rings dropped so far to stay within their limits. */
  evicted: number;
  /** The sequence number the next line will get. */
  nextSeq: number;
}

export const DEFAULT_LOG_LINES = 10_000;
export const DEFAULT_LOG_BYTES = 4 * 1024 * 1024;
const DEFAULT_QUERY_LIMIT = 1_000;

/** A ring of lines bounded by count and size; the oldest leave first. */
class LineRing {
  #lines: LogLine[] = [];
  /** Index of the oldest line kept: dropping is O(1), the array is compacted now and then. */
  #start = 0;
  #bytes = 0;
  evicted = 0;

  constructor(
    private readonly maxLines: number,
    private readonly maxBytes: number,
  ) {}

  push(line: LogLine): void {
    this.#lines.push(line);
    this.#bytes += sizeOf(line);
    while (this.#lines.length - this.#start > this.maxLines || this.#bytes > this.maxBytes) {
      this.#bytes -= sizeOf(this.#lines[this.#start]!);
      this.#start++;
      this.evicted++;
    }
    if (this.#start > 1024 && this.#start * 2 > this.#lines.length) {
      this.#lines = this.#lines.slice(this.#start);
      this.#start = 0;
    }
  }

  *lines(afterSeq: number): Iterable<LogLine> {
    for (let i = this.#start; i < this.#lines.length; i++) {
      const line = this.#lines[i]!;
      if (line.seq > afterSeq) yield line;
    }
  }

  clear(): void {
    this.#lines = [];
    this.#start = 0;
    this.#bytes = 0;
  }
}

function sizeOf(line: LogLine): number {
  return line.text.length * 2 + 32;
}

export class LogBuffer {
  readonly #rings: Record<LogStream, LineRing>;
  #nextSeq = 1;

  constructor(limits: LogBufferLimits = {}) {
    const ring = () =>
      new LineRing(limits.maxLines ?? DEFAULT_LOG_LINES, limits.maxBytes ?? DEFAULT_LOG_BYTES);
    this.#rings = { stdout: ring(), stderr: ring(), supervisor: ring() };
  }

  /** The sequence number the next line will get. */
  get nextSeq(): number {
    return this.#nextSeq;
  }

  add(stream: LogStream, text: string, at = Date.now()): LogLine {
    const line: LogLine = { seq: this.#nextSeq++, at, stream, text };
    this.#rings[stream].push(line);
    return line;
  }

  query(query: LogQuery = {}): LogPage {
    const limit = Math.max(0, query.limit ?? DEFAULT_QUERY_LIMIT);
    const needle = query.search?.toLowerCase();
    const streams = query.stream ? [query.stream] : (Object.keys(this.#rings) as LogStream[]);
    const matching: LogLine[] = [];
    for (const stream of streams) {
      for (const line of this.#rings[stream].lines(query.afterSeq ?? 0)) {
        if (needle === undefined || line.text.toLowerCase().includes(needle)) matching.push(line);
      }
    }
    matching.sort((a, b) => a.seq - b.seq);
    return {
      lines: matching.slice(Math.max(0, matching.length - limit)),
      truncated: matching.length > limit,
      evicted: Object.values(this.#rings).reduce((sum, ring) => sum + ring.evicted, 0),
      nextSeq: this.#nextSeq,
    };
  }

  /** Forgets the lines kept so far; sequence numbers go on (a reader never sees one twice). */
  clear(): void {
    for (const ring of Object.values(this.#rings)) ring.clear();
  }
}
