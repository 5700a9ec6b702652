/**
 * The pieces that keep a plugin's output: lines cut from a byte stream, the bounded ring per
 * stream, the size-rotated file; and the /proc reading behind the CPU and memory facts.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/core/launcher/lineSplitter.js';
import { LogBuffer } from '../../src/core/launcher/logBuffer.js';
import { formatLogLine, RotatingLogFile } from '../../src/core/launcher/logFile.js';
import { cpuPercent, readProc } from '../../src/core/launcher/procStats.js';
import type { LogLine } from '../../src/core/types.js';
import { tempFolder } from '../helpers/tempFolder.js';

describe('LineSplitter', () => {
  it('cuts lines at LF or CRLF, across chunks, and keeps a multi-byte character split between chunks whole', () => {
    const lines = new LineSplitter();
    const euro = Buffer.from('€'); // three bytes
    expect(lines.push(Buffer.from('one\r\ntw'))).toEqual(['one']);
    expect(lines.push(Buffer.concat([Buffer.from('o '), euro.subarray(0, 1)]))).toEqual([]);
    expect(lines.push(Buffer.concat([euro.subarray(1), Buffer.from('\n\nlast')]))).toEqual(['two €', '']);
    expect(lines.end()).toEqual(['last']);
    expect(lines.end()).toEqual([]);
  });

  it('cuts a line longer than the limit into pieces, never splitting a surrogate pair', () => {
    const lines = new LineSplitter(4);
    expect(lines.push(Buffer.from('abcdefghij'))).toEqual(['abcd', 'efgh']);
    expect(lines.push(Buffer.from('\n'))).toEqual(['ij']);
    expect(lines.push(Buffer.from('abc😀d\n'))).toEqual(['abc', '😀d']);
  });
});

describe('LogBuffer', () => {
  it('keeps each stream within its bounds: a chatty stdout never pushes stderr out', () => {
    const buffer = new LogBuffer({ maxLines: 3 });
    buffer.add('stderr', 'the reason it crashed');
    for (let i = 1; i <= 10; i++) buffer.add('stdout', `out ${i}`);
    const page = buffer.query();
    expect(page.lines.map((l) => l.text)).toEqual(['the reason it crashed', 'out 8', 'out 9', 'out 10']);
    expect(page).toMatchObject({ evicted: 7, nextSeq: 12, truncated: false });
  });

  it('bounds by size as well as by count', () => {
    const buffer = new LogBuffer({ maxLines: 1000, maxBytes: 1000 });
    for (let i = 0; i < 100; i++) buffer.add('stdout', 'x'.repeat(100));
    const { lines, evicted } = buffer.query({ limit: 1000 });
    expect(lines.length).toBeLessThan(10);
    expect(evicted).toBe(100 - lines.length);
  });

  it('answers by stream, search (any case), limit (the newest) and afterSeq, in sequence order', () => {
    const buffer = new LogBuffer();
    buffer.add('stdout', 'Starting');
    buffer.add('stderr', 'warning: low disk');
    buffer.add('supervisor', 'exited (code 1)');
    buffer.add('stdout', 'WARNING again');
    expect(buffer.query({ stream: 'stderr' }).lines.map((l) => l.text)).toEqual(['warning: low disk']);
    expect(buffer.query({ search: 'warning' }).lines.map((l) => l.seq)).toEqual([2, 4]);
    expect(buffer.query({ limit: 2 })).toMatchObject({ truncated: true, lines: [{ seq: 3 }, { seq: 4 }] });
    expect(buffer.query({ afterSeq: 2 }).lines.map((l) => l.seq)).toEqual([3, 4]);
    buffer.clear();
    expect(buffer.query().lines).toEqual([]);
    expect(buffer.add('stdout', 'after').seq).toBe(5);
  });
});

describe('RotatingLogFile', () => {
  let dir: Awaited<ReturnType<typeof tempFolder>>;
  beforeEach(async () => {
    dir = await tempFolder('gp-lf-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  const line = (seq: number, text: string): LogLine => ({
    seq,
    at: Date.UTC(2025, 0, 1),
    stream: 'stdout',
    text,
  });

  it('rotates at the size limit, whole lines only, keeping at most `files` files', async () => {
    const path = join(dir.path, 'logs', 'p.log');
    const file = new RotatingLogFile(path, { maxBytes: 100, files: 3 }, (err) => {
      throw err;
    });
    const lines = Array.from({ length: 20 }, (_, i) => line(i + 1, `line ${String(i + 1).padStart(2, '0')}`));
    for (const l of lines) file.write([l]);
    await file.flush();
    const size = formatLogLine(lines[0]!).length; // 40 bytes: two lines per file
    expect(size).toBe(40);
    const read = async (p: string) => (await readFile(p, 'utf8')).split('\n').filter(Boolean);
    expect(await read(path)).toEqual(lines.slice(18).map((l) => formatLogLine(l).trimEnd()));
    expect(await read(`${path}.1`)).toEqual(lines.slice(16, 18).map((l) => formatLogLine(l).trimEnd()));
    expect(await read(`${path}.2`)).toEqual(lines.slice(14, 16).map((l) => formatLogLine(l).trimEnd()));
    expect(existsSync(`${path}.3`)).toBe(false);
  });

  it('gives up on a disk error once, saying why', async () => {
    const errors: Error[] = [];
    // A file where the folder should be: the log folder cannot be created.
    const blocker = join(dir.path, 'blocker');
    await writeFile(blocker, '');
    const file = new RotatingLogFile(join(blocker, 'p.log'), {}, (err) => errors.push(err));
    file.write([line(1, 'a')]);
    await file.flush();
    file.write([line(2, 'b')]);
    await file.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/EEXIST|ENOTDIR/);
  });
});

describe('procStats', () => {
  it('reads CPU time, memory and age of a live process, and null for one that is gone', async () => {
    const before = await readProc(process.pid);
    expect(before).not.toBeNull();
    expect(before!.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(before!.elapsedMs).toBeGreaterThan(0);
    // The first figure is the average since the process started.
    expect(cpuPercent(undefined, before!)).toBeCloseTo((before!.cpuMs / before!.elapsedMs) * 100);
    // Burn 100 ms of CPU time (however long that takes on a busy machine), in at least 300 ms.
    const start = process.cpuUsage();
    const notBefore = Date.now() + 300;
    const busy = () => {
      const used = process.cpuUsage(start);
      return used.user + used.system < 100_000 || Date.now() < notBefore;
    };
    while (busy()) Math.sqrt(Math.random());
    const after = await readProc(process.pid);
    expect(after!.cpuMs - before!.cpuMs).toBeGreaterThanOrEqual(90); // 10 ms ticks
    const share = ((after!.cpuMs - before!.cpuMs) / (after!.at - before!.at)) * 100;
    expect(cpuPercent(before!, after!)).toBeCloseTo(share);
    expect(share).toBeGreaterThan(0);
    expect(await readProc(2 ** 22 + 1)).toBeNull();
  });
});
