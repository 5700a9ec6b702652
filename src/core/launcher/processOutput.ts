/**
 * A launched plugin's output, across its restarts: every line of stdout and stderr (and the
 * supervisor's own lines) goes to the ring buffer, the log file when there is one, and out as a
 * 'log' event.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { LogLine, LogStream, RegistryEvent } from '../types.js';
import { LineSplitter } from './lineSplitter.js';
import { LogBuffer, type LogBufferLimits } from './logBuffer.js';
import { RotatingLogFile, type LogFileLimits } from './logFile.js';

const OUTPUT_TAIL_CHARS = 2_000;

export class ProcessOutput {
  readonly buffer: LogBuffer;
  readonly #file: RotatingLogFile | undefined;
  /** The first sequence number of the current process's output. */
  #firstSeq = 1;

  constructor(
    private readonly id: string,
    limits: { logBuffer: LogBufferLimits; logDir: string | undefined; logFile: LogFileLimits },
    private readonly emit: (event: RegistryEvent) => void,
  ) {
    this.buffer = new LogBuffer(limits.logBuffer);
    this.#file =
      limits.logDir === undefined
        ? undefined
        : new RotatingLogFile(join(limits.logDir, `${encodeURIComponent(id)}.log`), limits.logFile, (err) =>
            emit({ type: 'warning', id, message: `${id}: log file given up: ${err.message}` }),
          );
  }

  get path(): string | undefined {
    return this.#file?.path;
  }

  /**
   * Reads a new process's stdout and stderr line by line; resolves once both pipes are closed
   * (or failed). Its output tail starts here.
   */
  capture(child: ChildProcess): Promise<void> {
    this.#firstSeq = this.buffer.nextSeq;
    const streams = [
      ['stdout', child.stdout],
      ['stderr', child.stderr],
    ] as const;
    return Promise.all(
      streams.map(
        ([stream, pipe]) =>
          new Promise<void>((resolve) => {
            if (!pipe) return resolve();
            const lines = new LineSplitter();
            pipe.on('data', (chunk: Buffer) => this.lines(stream, lines.push(chunk)));
            pipe.once('close', () => {
              this.lines(stream, lines.end());
              resolve();
            });
            pipe.on('error', () => resolve());
          }),
      ),
    ).then(() => undefined);
  }

  line(stream: LogStream, text: string): void {
    this.lines(stream, [text]);
  }

  lines(stream: LogStream, texts: readonly string[]): void {
    if (texts.length === 0) return;
    const at = Date.now();
    const lines: LogLine[] = texts.map((text) => this.buffer.add(stream, text, at));
    this.#file?.write(lines);
    this.emit({ type: 'log', id: this.id, lines });
  }

  /** The end of the current process's output, for a message about a process that died early. */
  tail(): string {
    const { lines } = this.buffer.query({ limit: 40, afterSeq: this.#firstSeq - 1 });
    const text = lines
      .filter((line) => line.stream !== 'supervisor')
      .map((line) => line.text)
      .join('\n')
      .trim();
    return text === '' ? '' : `: ${text.slice(-OUTPUT_TAIL_CHARS)}`;
  }

  /** Whatever is queued for the log file is written. */
  flush(): Promise<void> {
    return this.#file?.flush() ?? Promise.resolve();
  }
}
