import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore, MAX_ENTRIES_PER_PLUGIN, MAX_STORED_BODY_CHARS } from '../../src/service/history.js';
import { tempFolder } from '../helpers/tempFolder.js';

let dir: Awaited<ReturnType<typeof tempFolder>>;
const writeErrors: string[] = [];

beforeEach(async () => {
  dir = await tempFolder('gp-hist-');
  writeErrors.length = 0;
});
afterEach(async () => {
  await dir.remove();
});

const entry = (method: string, body = '') => ({
  method,
  body,
  bodyEncoding: 'utf8' as const,
  status: 200,
  errorCode: null,
  durationMs: 1,
});

describe('HistoryStore', () => {
  it('keeps the newest entries per plugin, bounded, and writes them to history.json', async () => {
    const { store, notice } = await HistoryStore.load(dir.path, (m) => writeErrors.push(m));
    expect(notice).toBeUndefined();
    for (let i = 0; i < MAX_ENTRIES_PER_PLUGIN + 20; i++) store.record('a', entry(`m${i}`));
    store.record('b', entry('only'));
    const list = store.list('a');
    expect(list).toHaveLength(MAX_ENTRIES_PER_PLUGIN);
    expect(list[0]!.method).toBe(`m${MAX_ENTRIES_PER_PLUGIN + 19}`);
    expect(list.at(-1)!.method).toBe('m20');
    await store.flush();
    const saved = JSON.parse(await readFile(join(dir.path, 'history.json'), 'utf8'));
    expect(saved.version).toBe(1);
    expect(saved.plugins.a).toHaveLength(MAX_ENTRIES_PER_PLUGIN);
    expect(saved.plugins.b[0].method).toBe('only');
    expect(writeErrors).toEqual([]);
  });

  it('stores a huge body cut to the limit, never splitting a character pair', async () => {
    const { store } = await HistoryStore.load(dir.path, (m) => writeErrors.push(m));
    const huge = 'x'.repeat(MAX_STORED_BODY_CHARS - 1) + '😀' + 'tail';
    const stored = store.record('a', entry('Big', huge));
    expect(stored.body).toBe('x'.repeat(MAX_STORED_BODY_CHARS - 1));
  });

  it('reports a history it cannot save instead of failing silently', async () => {
    const { store } = await HistoryStore.load(join(dir.path, 'file-not-folder'), (m) => writeErrors.push(m));
    await writeFile(join(dir.path, 'file-not-folder'), 'a file where the data folder should be');
    store.record('a', entry('x'));
    await store.flush();
    expect(writeErrors).toHaveLength(1);
    expect(writeErrors[0]).toMatch(
      /^Could not save the console history to .*file-not-folder\/history\.json: /,
    );
  });
});
