/** Writing .pconf files exactly as the Go plugin does, and never letting a reader see half of one. */
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isGoPlugError } from '../../../src/core/errors.js';
import { parsePconf, pconfFileName, readPconfFile, writePconfAtomic } from '../../../src/core/pconf/index.js';
import { tempFolder } from '../../helpers/tempFolder.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/pconf/', import.meta.url));

let folder: { path: string; remove(): Promise<void> };
let watcher: FSWatcher | undefined;

beforeEach(async () => {
  folder = await tempFolder('gp-write-');
});

afterEach(async () => {
  watcher?.close();
  watcher = undefined;
  await folder.remove();
});

describe('writePconfAtomic', () => {
  it('writes byte for byte what the Go plugin writes', async () => {
    const path = await writePconfAtomic(folder.path, {
      name: 'Do',
      namespace: 'Test',
      sock: '/tmp/goplug-fixture/TestDo.sock',
    });
    expect(path).toBe(join(folder.path, 'TestDo.pconf'));
    expect(await readFile(path)).toEqual(await readFile(join(FIXTURES, 'go-original.pconf')));
  });

  it('keeps a given Url and LazyLoad, and escapes strings as Go’s json.Marshal does', async () => {
    const path = await writePconfAtomic(folder.path, {
      name: 'a<b>&c',
      namespace: 'ns',
      url: 'unix://custom',
      sock: '/tmp/x\u2028.sock',
      lazyLoad: true,
    });
    expect(await readFile(path, 'utf8')).toBe(
      '{"Name":"a\\u003cb\\u003e\\u0026c","NameSpace":"ns","Url":"unix://custom","Sock":"/tmp/x\\u2028.sock","LazyLoad":true}',
    );
    const parsed = parsePconf(await readFile(path), path);
    expect(parsed).toMatchObject({
      ok: true,
      conf: { name: 'a<b>&c', sock: '/tmp/x\u2028.sock', lazyLoad: true },
    });
  });

  it('names the file NameSpace + Name + .pconf, with no separator', () => {
    expect(pconfFileName('Test', 'Do')).toBe('TestDo.pconf');
    expect(pconfFileName('', 'solo')).toBe('solo.pconf');
  });

  it('replaces an existing file', async () => {
    await writeFile(join(folder.path, 'TestDo.pconf'), 'old and broken');
    await writePconfAtomic(folder.path, { name: 'Do', namespace: 'Test', sock: '/tmp/new.sock' });
    const result = await readPconfFile(join(folder.path, 'TestDo.pconf'));
    expect(result).toMatchObject({ kind: 'ok', conf: { sock: '/tmp/new.sock' } });
  });

  it('only ever shows a complete file under the .pconf name; the temp name is not a .pconf', async () => {
    const seen = new Set<string>();
    watcher = watch(folder.path, (_event, name) => {
      if (name) seen.add(name);
    });
    const target = join(folder.path, 'nsrace.pconf');
    let writing = true;
    const reads: string[] = [];
    const reader = (async () => {
      while (writing) {
        const result = await readPconfFile(target);
        if (!(result.kind === 'problem' && result.missing)) reads.push(result.kind);
      }
    })();
    for (let i = 0; i < 200; i++) {
      await writePconfAtomic(folder.path, {
        name: 'race',
        namespace: 'ns',
        sock: `/tmp/race-${'x'.repeat(i % 50)}.sock`,
      });
    }
    writing = false;
    await reader;
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads)).toEqual(new Set(['ok']));
    expect(await readdir(folder.path)).toEqual(['nsrace.pconf']);
    // The temp file was visible in the folder, under a name no watcher takes for a .pconf.
    expect([...seen].some((name) => name.endsWith('.tmp'))).toBe(true);
    for (const name of seen) {
      if (name !== 'nsrace.pconf') expect(name.endsWith('.pconf'), name).toBe(false);
    }
  });

  it('refuses names that would put the file elsewhere, writing nothing', async () => {
    const attempt = writePconfAtomic(folder.path, {
      name: '../../escape',
      namespace: '',
      sock: '/tmp/e.sock',
    });
    await expect(attempt).rejects.toSatisfy((err) => isGoPlugError(err, 'CONFIG_INVALID'));
    await expect(writePconfAtomic(folder.path, { name: '', namespace: 'x', sock: '/s' })).rejects.toThrow(
      /Name must not be empty/,
    );
    expect(await readdir(folder.path)).toEqual([]);
  });

  it('removes its temp file when the rename fails (a directory holds the name)', async () => {
    await mkdir(join(folder.path, 'TestDo.pconf'));
    await expect(
      writePconfAtomic(folder.path, { name: 'Do', namespace: 'Test', sock: '/s' }),
    ).rejects.toMatchObject({
      code: 'EISDIR',
    });
    expect(await readdir(folder.path)).toEqual(['TestDo.pconf']);
  });
});
