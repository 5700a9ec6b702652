/**
 * .pconf churn: 1,000 create / modify / delete cycles over 50 files in one burst, with valid,
 * conflicting, invalid and half-written content, some written in place and some renamed into
 * place. Afterwards the registry equals the folder (same plugins from the same files, same
 * problems), and it holds no more descriptors, watchers, timers or listeners than before.
 */
import { createHook } from 'node:async_hooks';
import { readdirSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPconfFile } from '../../src/core/pconf/index.js';
import { openRegistry, type PluginRegistry } from '../../src/core/registry/index.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

const FILES = 50;
const CYCLES = 1000;
const SETTLE_MS = 100;

let temp: Awaited<ReturnType<typeof tempFolder>>;
/**
 * The plugin folder, inside a parent of the test's own: the registry watches the folder's entry
 * in its parent, and a parent shared with other test files (the OS temp dir) would make the
 * resources below move with their work, not the registry's.
 */
let dir: { path: string };
let registry: PluginRegistry | undefined;

beforeEach(async () => {
  temp = await tempFolder('gp-c-');
  dir = { path: join(temp.path, 'plugins') };
  await mkdir(dir.path);
  timerHook.enable();
});
afterEach(async () => {
  timerHook.disable();
  await registry?.close();
  registry = undefined;
  await temp.remove();
});

/** A small deterministic generator (mulberry32); GOPLUG_CHURN_SEED tries another burst. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Valid (ids collide now and then: conflicts), wrongly typed, or cut off mid-write. */
function content(next: () => number): string {
  const roll = next();
  const id = Math.floor(next() * 60);
  if (roll < 0.7) {
    return JSON.stringify({
      Name: `p${id}`,
      NameSpace: 'churn',
      Sock: `/tmp/gp-churn-${id}.sock`,
      LazyLoad: true,
    });
  }
  if (roll < 0.85) return JSON.stringify({ Name: id, Sock: '/tmp/x.sock' });
  return `{"Name":"p${id}","Sock":"/tmp/gp-ch`;
}

const fileName = (i: number) => `f${String(i).padStart(2, '0')}.pconf`;

async function write(path: string, text: string, atomically: boolean): Promise<void> {
  if (!atomically) return writeFile(path, text);
  const temp = join(dir.path, `.tmp-${Math.random().toString(36).slice(2)}`);
  await writeFile(temp, text);
  await rename(temp, path);
}

/** What the registry should show, worked out from the folder alone. */
async function folderView(): Promise<{ plugins: string[]; problems: string[] }> {
  const winners = new Map<string, string>();
  const problems: string[] = [];
  const names = (await readdir(dir.path)).filter((n) => n.endsWith('.pconf') && !n.startsWith('.')).sort();
  for (const name of names) {
    const read = await readPconfFile(join(dir.path, name));
    if (read.kind === 'problem') {
      problems.push(`${name} invalid`);
      continue;
    }
    const id = `${read.conf.namespace}/${read.conf.name}`;
    if (winners.has(id)) problems.push(`${name} conflict`);
    else winners.set(id, name);
  }
  return { plugins: [...winners].map(([id, name]) => `${id} ${name}`).sort(), problems: problems.sort() };
}

function registryView(reg: PluginRegistry): { plugins: string[]; problems: string[] } {
  return {
    plugins: reg
      .list()
      .filter((p) => p.confRemoved !== true)
      .map((p) => `${p.id} ${p.confPath.slice(dir.path.length + 1)}`)
      .sort(),
    problems: reg
      .problems()
      .map((p) => `${p.fileName} ${p.kind}`)
      .sort(),
  };
}

/**
 * Live timers, unref'd ones included: process.getActiveResourcesInfo() lists only what keeps the
 * process alive, and the registry's settle and confirm timers are unref'd.
 */
const liveTimers = new Set<number>();
const timerHook = createHook({
  init: (id, type) => void (type === 'Timeout' && liveTimers.add(id)),
  destroy: (id) => void liveTimers.delete(id),
});

/** What a leak would grow: descriptors, handles by type (watchers, sockets), timers, listeners. */
function resources(reg: PluginRegistry) {
  const handles: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) handles[type] = (handles[type] ?? 0) + 1;
  return {
    fds: readdirSync('/proc/self/fd').length,
    handles,
    timers: liveTimers.size,
    listeners: reg['ctx']['emitter'].listenerCount('event'),
  };
}

/** The resources once two looks SETTLE_MS * 3 apart agree: a loaded machine runs the last timers late. */
async function steadyResources(reg: PluginRegistry): Promise<ReturnType<typeof resources>> {
  let last = JSON.stringify(resources(reg));
  for (let tries = 0; tries < 30; tries++) {
    await new Promise((r) => setTimeout(r, SETTLE_MS * 3));
    const now = JSON.stringify(resources(reg));
    if (now === last) break;
    last = now;
  }
  return JSON.parse(last) as ReturnType<typeof resources>;
}

describe('.pconf churn', () => {
  it('1,000 create/modify/delete cycles over 50 files: the registry ends equal to the folder, with no growth of fds, handles, timers or listeners', async () => {
    const next = random(Number(process.env.GOPLUG_CHURN_SEED ?? 20_251_128));
    for (let i = 0; i < FILES; i++) await write(join(dir.path, fileName(i)), content(next), true);
    registry = await openRegistry({ folders: [dir.path], settleMs: SETTLE_MS });
    registry.on('event', () => undefined);
    await registry.whenIdle();
    const before = await steadyResources(registry);

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const path = join(dir.path, fileName(Math.floor(next() * FILES)));
      if (next() < 0.25) await rm(path, { force: true });
      else await write(path, content(next), next() < 0.5);
    }
    // Every file exists again at the end, so the per-file watchers compare one to one.
    for (let i = 0; i < FILES; i++) await write(join(dir.path, fileName(i)), content(next), true);

    const expected = await folderView();
    const equal = () => JSON.stringify(registryView(registry!)) === JSON.stringify(expected);
    // A hang guard only; the comparison below shows what differs if it never became equal.
    await waitUntil(equal, 'the registry to equal the folder', 15_000).catch(() => undefined);
    await registry.whenIdle();
    expect(registryView(registry)).toEqual(expected);
    expect(expected.plugins.length).toBeGreaterThan(10);
    expect(expected.problems.some((p) => p.endsWith('conflict'))).toBe(true);
    expect(expected.problems.some((p) => p.endsWith('invalid'))).toBe(true);

    // Settle and confirm timers of the last events run for a moment more; a leak never goes.
    const quiet = () => JSON.stringify(resources(registry!)) === JSON.stringify(before);
    await waitUntil(quiet, 'the registry to go quiet', 10_000).catch(() => undefined);
    expect(registryView(registry)).toEqual(expected);
    expect(resources(registry)).toEqual(before);
  });

  it('a rescan keeps a conflict: re-reading an unchanged file that lost to another does not clear it', async () => {
    const conf = JSON.stringify({
      Name: 'twin',
      NameSpace: 'dup',
      Sock: '/tmp/gp-twin.sock',
      LazyLoad: true,
    });
    await writeFile(join(dir.path, 'a.pconf'), conf);
    await writeFile(join(dir.path, 'b.pconf'), conf);
    registry = await openRegistry({ folders: [dir.path] });
    const conflict = [{ fileName: 'b.pconf', kind: 'conflict', winner: join(dir.path, 'a.pconf') }];
    expect(registry.problems()).toMatchObject(conflict);
    await registry.rescan();
    expect(registry.problems()).toMatchObject(conflict);
  });
});
