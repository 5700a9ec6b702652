/**
 * Child process: a fresh registry process, so its memory and descriptors are the registry's.
 * 1. Cold start on a folder of `expected` plugins (already running): time until all are
 *    Started, then heap, RSS and open descriptors.
 * 2. Discovery latency, interleaved: a .pconf renamed into a watched folder, to (a) a raw
 *    fs.watch event, (b) the plugin Started in an empty folder, (c) the plugin Started beside
 *    the `expected` plugins of step 1. Every probe .pconf points at one running probe plugin.
 * Usage: node --expose-gc coldStart.js '<ColdStartConfig as JSON>'
 */
import { readdirSync, renameSync, unlinkSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatPconf, pconfFileName } from '../../src/core/pconf/write.js';
import { openRegistry, PluginRegistry } from '../../src/core/registry/index.js';
import { failChild, tellParent } from '../lib/childSide.js';
import { EventWaiter } from '../lib/eventWaiter.js';

export interface ColdStartConfig {
  crowdedDir: string;
  expected: number;
  emptyDir: string;
  watchDir: string;
  /** Where probe files are written before being renamed into a watched folder (same filesystem). */
  stagingDir: string;
  probeSock: string;
  samples: number;
  warmup: number;
  /** Pause after each sample's clean-up, so the work it causes (a watcher's rescan) is not timed in the next sample. */
  gapMs: number;
}

export interface ColdStartReport {
  scale: {
    plugins: number;
    started: number;
    errors: number;
    scan_ms: number;
    all_started_ms: number;
    heap_mb: number;
    heap_before_mb: number;
    rss_mb: number;
    fds: number;
  };
  /** Milliseconds per sample. */
  discovery: { fswatch: number[]; empty: number[]; crowded: number[] };
}

const EVENT_TIMEOUT_MS = 10_000;
const ALL_STARTED_TIMEOUT_MS = 120_000;

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as ColdStartConfig;
  const { figures, registry } = await coldStart(config);
  // Kept open: discovery is then measured beside these plugins.
  const discovery = await discoveryLatency(config, registry);
  const report: ColdStartReport = { scale: figures, discovery };
  tellParent(report);
  process.exit(0);
}

async function coldStart(
  config: ColdStartConfig,
): Promise<{ figures: ColdStartReport['scale']; registry: PluginRegistry }> {
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const registry = new PluginRegistry({ folders: [config.crowdedDir] });
  let started = 0;
  let errors = 0;
  let allStartedAt = 0;
  let allStarted: () => void = () => {};
  const done = new Promise<void>((resolve) => (allStarted = resolve));
  registry.on('event', (event) => {
    if (event.type === 'error') errors++;
    if (event.type !== 'started') return;
    started++;
    if (started === config.expected) {
      allStartedAt = performance.now();
      allStarted();
    }
  });
  const t0 = performance.now();
  await registry.init();
  const scanMs = performance.now() - t0;
  await withTimeout(
    done,
    ALL_STARTED_TIMEOUT_MS,
    () => `only ${started} of ${config.expected} plugins started (${errors} errors)`,
  );
  collectGarbage();
  const memory = process.memoryUsage();
  const figures = {
    plugins: config.expected,
    started,
    errors,
    scan_ms: round1(scanMs),
    all_started_ms: round1(allStartedAt - t0),
    heap_mb: mb(memory.heapUsed),
    heap_before_mb: mb(heapBefore),
    rss_mb: mb(memory.rss),
    fds: readdirSync('/proc/self/fd').length,
  };
  return { figures, registry };
}

async function discoveryLatency(
  config: ColdStartConfig,
  crowdedRegistry: PluginRegistry,
): Promise<ColdStartReport['discovery']> {
  const empty = await openRegistry({ folders: [config.emptyDir] });
  const waiters = new Map([
    [empty, new EventWaiter(empty)],
    [crowdedRegistry, new EventWaiter(crowdedRegistry)],
  ]);
  const fsEvents = new Map<string, () => void>();
  const watcher = watch(config.watchDir, (_type, name) => {
    const resolve = name === null ? undefined : fsEvents.get(name);
    if (resolve === undefined) return;
    fsEvents.delete(name as string);
    resolve();
  });

  let n = 0;
  /** Stages a probe .pconf, renames it into `folder` and returns the ms until `arrived` settles. */
  const probe = async (
    folder: string,
    arrived: (id: string, fileName: string) => Promise<void>,
  ): Promise<number> => {
    const name = `d${n++}`;
    const fileName = pconfFileName('disc', name);
    const staged = join(config.stagingDir, fileName);
    writeFileSync(staged, formatPconf({ name, namespace: 'disc', sock: config.probeSock }));
    const target = join(folder, fileName);
    const id = `disc/${name}`;
    const event = arrived(id, fileName);
    const t0 = performance.now();
    renameSync(staged, target);
    await event;
    return performance.now() - t0;
  };
  const viaRegistry = (registry: PluginRegistry, folder: string) => async (): Promise<number> => {
    const waiter = waiters.get(registry) as EventWaiter;
    let id = '';
    const ms = await probe(folder, (probeId) => {
      id = probeId;
      return waiter.expect('started', probeId, EVENT_TIMEOUT_MS);
    });
    // Each probe has an id of its own: its removal (the plugin then stays listed as Stopped) needs no waiting for.
    unlinkSync(join(folder, pconfFileName('disc', id.slice('disc/'.length))));
    return ms;
  };
  const kinds = {
    fswatch: async (): Promise<number> => {
      let file = '';
      const ms = await probe(config.watchDir, (_id, fileName) => {
        file = fileName;
        return withTimeout(
          new Promise<void>((resolve) => fsEvents.set(fileName, resolve)),
          EVENT_TIMEOUT_MS,
          () => `no fs.watch event for ${fileName}`,
        );
      });
      unlinkSync(join(config.watchDir, file));
      return ms;
    },
    empty: viaRegistry(empty, config.emptyDir),
    crowded: viaRegistry(crowdedRegistry, config.crowdedDir),
  };
  const samples = { fswatch: [] as number[], empty: [] as number[], crowded: [] as number[] };
  const order = Object.keys(kinds) as Array<keyof typeof kinds>;
  for (let i = 0; i < config.warmup + config.samples; i++) {
    // A different kind first each time, so none always follows the same neighbour.
    for (let k = 0; k < order.length; k++) {
      const kind = order[(i + k) % order.length] as keyof typeof kinds;
      const ms = await kinds[kind]();
      if (i >= config.warmup) samples[kind].push(ms);
      await sleep(config.gapMs);
    }
  }
  watcher.close();
  await empty.close();
  await crowdedRegistry.close();
  return samples;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what())), ms))),
  ]).finally(() => clearTimeout(timer));
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined)
    throw new Error('run with --expose-gc: memory figures are taken after a full collection');
  gc();
  gc();
}

function mb(bytes: number): number {
  return round1(bytes / 2 ** 20);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

main().catch((err: unknown) => failChild('coldStart', err));
