import { chmod, chown, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/core/files/atomicWrite.js';
import { tempFolder } from '../../helpers/tempFolder.js';

describe('writeFileAtomic', () => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  beforeEach(async () => {
    folder = await tempFolder();
  });
  afterEach(() => folder.remove());

  it('writes a private file (0600), creating its folder (0700) when asked, and leaves no temp file', async () => {
    const path = join(folder.path, 'data', 'settings.json');
    await writeFileAtomic(path, '{"a":1}\n', { createFolder: true });
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(folder.path, 'data'))).mode & 0o777).toBe(0o700);
    await writeFileAtomic(path, 'second');
    expect(await readFile(path, 'utf8')).toBe('second');
    expect(await readdir(join(folder.path, 'data'))).toEqual(['settings.json']);
  });

  it('fails on a missing folder unless asked to create it', async () => {
    await expect(writeFileAtomic(join(folder.path, 'nowhere', 'x.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('removes its temp file when the rename fails, keeping what was there', async () => {
    await mkdir(join(folder.path, 'taken.json'));
    await expect(writeFileAtomic(join(folder.path, 'taken.json'), 'x')).rejects.toMatchObject({ code: 'EISDIR' });
    expect(await readdir(folder.path)).toEqual(['taken.json']);
  });

  it('keeps a replaced file\'s exact mode (past the umask) and owner when asked', async () => {
    const path = join(folder.path, 'kept.pconf');
    await writeFile(path, 'old');
    await chmod(path, 0o664);
    const root = process.getuid?.() === 0;
    // Only root may give a file away; anyone may keep their own uid and gid.
    const owner = root ? { uid: 4321, gid: 4322 } : { uid: process.getuid!(), gid: process.getgid!() };
    await chown(path, owner.uid, owner.gid);
    const before = await stat(path);
    await writeFileAtomic(path, 'new', { keep: { mode: before.mode, uid: before.uid, gid: before.gid } });
    const after = await stat(path);
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o7777).toBe(0o664);
    expect({ uid: after.uid, gid: after.gid }).toEqual(owner);
    expect(await readdir(folder.path)).toEqual(['kept.pconf']);
  });
});
