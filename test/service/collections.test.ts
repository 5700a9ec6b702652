/** The Studio's collection channels on a real service: what the page may touch, saving, and running. */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Collection } from '../../src/shared/contract.js';
import { openStudio, type Studio } from '../helpers/studio.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

let studio: Studio;
let outside: Awaited<ReturnType<typeof tempFolder>>;

beforeEach(async () => {
  outside = await tempFolder('gp-o-');
});
afterEach(async () => {
  await studio.close();
  await outside.remove();
});

const SMOKE: Collection = {
  name: 'smoke',
  requests: [
    { name: 'echo', plugin: 'test/echo', method: 'Echo', body: 'hi', expect: { body: 'hi' } },
    { name: 'fails', plugin: 'test/echo', method: 'Fail', expect: { status: 200 } },
  ],
};

describe('collections in the Studio', () => {
  it('saves a collection in a watched folder and lists it, with the problem of a broken one', async () => {
    studio = await openStudio();
    const path = join(studio.pluginDir, 'smoke.collection.json');
    expect(await studio.service.call('saveCollection', { path, collection: SMOKE })).toEqual({ ok: true, value: { path } });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(SMOKE);
    await writeFile(join(studio.pluginDir, 'broken.collection.json'), '{"name": "b", "requests": 1}');
    await writeFile(join(studio.pluginDir, 'notes.json'), '{}');
    const listed = await studio.service.call('listCollections', {});
    expect(listed.ok && listed.value).toEqual([
      {
        path: join(studio.pluginDir, 'broken.collection.json'),
        fileName: 'broken.collection.json',
        collection: null,
        problem: 'broken.collection.json:1:27: requests: must be an array of requests',
        picked: false,
      },
      { path, fileName: 'smoke.collection.json', collection: SMOKE, problem: null, picked: false },
    ]);
  });

  it('refuses paths outside the watched folders, other kinds of file, and links leading out', async () => {
    studio = await openStudio();
    const refused = async (path: string) => {
      const answer = await studio.service.call('saveCollection', { path, collection: SMOKE });
      return answer.ok ? 'written' : answer.error.code;
    };
    expect(await refused(join(outside.path, 'x.collection.json'))).toBe('FORBIDDEN');
    expect(await refused(join(studio.pluginDir, 'x.pconf'))).toBe('FORBIDDEN');
    expect(await refused(join(studio.pluginDir, '..', 'x.collection.json'))).toBe('FORBIDDEN');
    expect(await refused('relative.collection.json')).toBe('INVALID_REQUEST');
    await mkdir(join(outside.path, 'd'));
    await symlink(join(outside.path, 'd'), join(studio.pluginDir, 'link'));
    expect(await refused(join(studio.pluginDir, 'link', 'x.collection.json'))).toBe('FORBIDDEN');
    // A collection-named link to a file outside is listed as refused, and what it leads to is not read.
    await writeFile(join(outside.path, 'secret.json'), '{"name": "secret", "requests": []}');
    await symlink(join(outside.path, 'secret.json'), join(studio.pluginDir, 'leak.collection.json'));
    const listed = await studio.service.call('listCollections', {});
    expect(listed.ok && listed.value).toEqual([
      {
        path: join(studio.pluginDir, 'leak.collection.json'),
        fileName: 'leak.collection.json',
        collection: null,
        problem: expect.stringMatching(/^listCollections: .*leak\.collection\.json \(a link to .*secret\.json\) is not a \.collection\.json file$/),
        picked: false,
      },
    ]);
    const run = await studio.service.call('runCollection', { path: join(outside.path, 'x.collection.json'), runId: 'r1' });
    expect(run.ok ? 'ran' : run.error.code).toBe('FORBIDDEN');
    // Web mode has no dialog: the page cannot have a path approved by itself.
    const pick = await studio.service.call('pickCollectionFile', { purpose: 'save' });
    expect(pick.ok ? 'picked' : pick.error.code).toBe('UNSUPPORTED');
  });

  it("runs a file the person picked in the desktop app's dialog, and only that one", async () => {
    const chosen = join(outside.path, 'picked.collection.json');
    studio = await openStudio({
      platform: { kind: 'electron', canPickFolder: false, canReveal: false },
      platformHandlers: { pickCollectionFile: async () => chosen },
    });
    expect(await studio.service.call('pickCollectionFile', { purpose: 'save', suggestedName: 'x' })).toEqual({
      ok: true,
      value: { path: chosen },
    });
    expect((await studio.service.call('saveCollection', { path: chosen, collection: SMOKE })).ok).toBe(true);
    const other = await studio.service.call('saveCollection', { path: join(outside.path, 'other.collection.json'), collection: SMOKE });
    expect(other.ok ? 'written' : other.error.code).toBe('FORBIDDEN');
    const listed = await studio.service.call('listCollections', {});
    expect(listed.ok && listed.value.map((f) => [f.fileName, f.picked])).toEqual([['picked.collection.json', true]]);
  });

  it('runs a collection: each request passes or fails with its reason; an invalid file says where', async () => {
    studio = await openStudio();
    await studio.plugin('echo').start();
    await studio.waitFor('test/echo', 'started');
    const path = join(studio.pluginDir, 'smoke.collection.json');
    await studio.service.call('saveCollection', { path, collection: SMOKE });
    const run = await studio.service.call('runCollection', { path, runId: 'run-1' });
    if (!run.ok) throw new Error(run.error.message);
    expect(run.value).toMatchObject({ name: 'smoke', path, cancelled: false });
    expect(run.value.results.map((r) => [r.name, r.passed, r.status])).toEqual([
      ['echo', true, 200],
      ['fails', false, 500],
    ]);
    expect(run.value.results[1]!.differences).toEqual([{ check: 'status', expected: '200', actual: '500' }]);

    await writeFile(path, '{"name": "x",\n "requests": [{"name": "a"}]}');
    const invalid = await studio.service.call('runCollection', { path, runId: 'run-2' });
    expect(invalid.ok ? 'ran' : invalid.error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'smoke.collection.json:2:15: requests[0].plugin: is required',
    });
  });

  it('cancels a run: the request in flight ends and the rest does not run; what ran was told while it ran', async () => {
    studio = await openStudio();
    const slow = studio.plugin('slow');
    let called!: () => void;
    const waiting = new Promise<void>((resolve) => (called = resolve));
    slow.method('Wait', (_body, ctx) => {
      called();
      return new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve('')));
    });
    await slow.start();
    await studio.waitFor('test/slow', 'started');
    const path = join(studio.pluginDir, 'slow.collection.json');
    const collection: Collection = {
      name: 'slow',
      requests: [
        { name: 'first', plugin: 'test/slow', method: 'Echo', body: 'x', expect: { body: 'x' } },
        { name: 'wait', plugin: 'test/slow', method: 'Wait' },
        { name: 'after', plugin: 'test/slow', method: 'Echo' },
      ],
    };
    await studio.service.call('saveCollection', { path, collection });
    const running = studio.service.call('runCollection', { path, runId: 'slow-run' });
    await waiting;
    // The page can show the first verdict while the second request still runs.
    const told = () => studio.events().filter((e) => e.type === 'collection-result');
    await waitUntil(() => told().length === 1, 'the first result as an event', 10_000);
    expect(told()).toMatchObject([
      { type: 'collection-result', runId: 'slow-run', index: 0, result: { name: 'first', passed: true, status: 200 } },
    ]);
    await studio.service.call('cancelCollectionRun', { runId: 'slow-run' });
    const run = await running;
    expect(run.ok && run.value).toMatchObject({ cancelled: true, results: [{ name: 'first', passed: true }] });
    expect(told()).toHaveLength(1);
  });
});
