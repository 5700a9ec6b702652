/**
 * Reading .pconf files from a real folder full of things that are not .pconf files. Every read
 * runs under a 5 s guard: a hang fails the test instead of wedging the run.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, chmod, mkdir, open, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPconfFile, type PconfRead } from '../../../src/core/pconf/index.js';
import { withDeadline } from '../../../src/core/withDeadline.js';
import { tempFolder } from '../../helpers/tempFolder.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/pconf/', import.meta.url));
const isRoot = process.getuid?.() === 0;

let folder: { path: string; remove(): Promise<void> };
let servers: Server[] = [];

beforeEach(async () => {
  folder = await tempFolder('gp-read-');
  await copyFile(join(FIXTURES, 'go-original.pconf'), join(folder.path, 'TestDo.pconf'));
});

afterEach(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  servers = [];
  await folder.remove();
});

function read(name: string, maxBytes?: number): Promise<PconfRead> {
  const path = join(folder.path, name);
  return withDeadline(
    readPconfFile(path, maxBytes === undefined ? {} : { maxBytes }),
    5000,
    `reading ${name}`,
  );
}

async function problem(name: string, maxBytes?: number) {
  const result = await read(name, maxBytes);
  if (result.kind !== 'problem') throw new Error(`expected a problem for ${name}, it read fine`);
  expect(result.problem).toMatchObject({ path: join(folder.path, name), fileName: name });
  // The reason names the file: "x.pconf is a FIFO ..." or "x.pconf: invalid JSON ...".
  expect(result.problem.reason.startsWith(name)).toBe(true);
  expect([' ', ':']).toContain(result.problem.reason.charAt(name.length));
  return result;
}

describe('readPconfFile', () => {
  it('reads a good file with its facts and bytes', async () => {
    const result = await read('TestDo.pconf');
    if (result.kind !== 'ok') throw new Error(result.problem.reason);
    expect(result.conf).toMatchObject({
      name: 'Do',
      namespace: 'Test',
      url: 'unix://TestDo',
      lazyLoad: false,
    });
    expect(result.warnings).toEqual([]);
    expect(result.raw.toString()).toBe(
      '{"Name":"Do","NameSpace":"Test","Url":"unix://TestDo","Sock":"/tmp/goplug-fixture/TestDo.sock","LazyLoad":false}',
    );
    expect(result.file).toMatchObject({
      path: join(folder.path, 'TestDo.pconf'),
      size: 112,
      uid: process.getuid?.(),
    });
  });

  it('does not open a FIFO (which would block until a writer came)', async () => {
    execFileSync('mkfifo', [join(folder.path, 'pipe.pconf')]);
    const result = await problem('pipe.pconf');
    expect(result.problem).toMatchObject({
      kind: 'not-regular',
      reason: 'pipe.pconf is a FIFO (named pipe), not a regular file',
    });
    expect(result.incomplete).toBe(false);
  });

  it('does not read through a symlink to /dev/zero (which never ends)', async () => {
    await symlink('/dev/zero', join(folder.path, 'zero.pconf'));
    const result = await problem('zero.pconf');
    expect(result.problem).toMatchObject({
      kind: 'not-regular',
      reason: 'zero.pconf is a symlink to a character device, not a regular file',
    });
  });

  it('refuses a directory named like a .pconf', async () => {
    await mkdir(join(folder.path, 'x.pconf'));
    expect((await problem('x.pconf')).problem).toMatchObject({
      kind: 'not-regular',
      reason: 'x.pconf is a directory, not a regular file',
    });
  });

  it('refuses a socket named like a .pconf', async () => {
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(join(folder.path, 'sock.pconf'), resolve));
    expect((await problem('sock.pconf')).problem).toMatchObject({
      kind: 'not-regular',
      reason: 'sock.pconf is a socket, not a regular file',
    });
  });

  it('refuses a 5 GB sparse file by its size, without reading it', async () => {
    const path = join(folder.path, 'huge.pconf');
    const handle = await open(path, 'w');
    await handle.truncate(5 * 1024 ** 3);
    await handle.close();
    const result = await problem('huge.pconf');
    expect(result.problem).toMatchObject({
      kind: 'too-large',
      reason: 'huge.pconf is 5 GiB (5368709120 bytes), more than the 1 MiB (1048576 bytes) a .pconf may have',
    });
    expect(result.file?.size).toBe(5 * 1024 ** 3);
    expect(result.raw).toBeUndefined();
  });

  it('applies a smaller size limit when asked', async () => {
    expect((await problem('TestDo.pconf', 100)).problem.kind).toBe('too-large');
    expect((await read('TestDo.pconf', 112)).kind).toBe('ok');
  });

  it('handles a file with no permissions: unreadable for a user, readable for root', async () => {
    const path = join(folder.path, 'locked.pconf');
    await copyFile(join(FIXTURES, 'minimal.pconf'), path);
    await chmod(path, 0o000);
    if (isRoot) {
      // Root bypasses permission bits, so the file reads; what is real is that its mode is 000.
      const result = await read('locked.pconf');
      if (result.kind !== 'ok') throw new Error(result.problem.reason);
      expect(result.file.mode & 0o777).toBe(0);
    } else {
      const result = await problem('locked.pconf');
      expect(result.problem).toMatchObject({
        kind: 'unreadable',
        reason: 'locked.pconf cannot be read: permission denied (EACCES)',
      });
    }
  });

  it('explains a symlink loop (unreadable for anyone, root included)', async () => {
    await symlink(join(folder.path, 'b.pconf'), join(folder.path, 'a.pconf'));
    await symlink(join(folder.path, 'a.pconf'), join(folder.path, 'b.pconf'));
    expect((await problem('a.pconf')).problem).toMatchObject({
      kind: 'unreadable',
      reason: 'a.pconf cannot be read: too many levels of symbolic links (a symlink loop?) (ELOOP)',
    });
  });

  it('tells a missing file (removed) from a broken symlink (still there)', async () => {
    const gone = await problem('gone.pconf');
    expect(gone).toMatchObject({ missing: true, problem: { kind: 'unreadable' } });
    expect(gone.problem.reason).toMatch(/does not exist: .*\(ENOENT\)/);
    await symlink(join(folder.path, 'nowhere'), join(folder.path, 'dangling.pconf'));
    const dangling = await problem('dangling.pconf');
    expect(dangling.missing).not.toBe(true);
    expect(dangling.problem.reason).toBe(
      'dangling.pconf is a broken symlink (its target does not exist), not a regular file',
    );
  });

  it('reports 100,000 nested brackets as invalid with a position, without overflowing the stack', async () => {
    await writeFile(join(folder.path, 'deep.pconf'), '['.repeat(100_000));
    const result = await problem('deep.pconf');
    expect(result.problem).toMatchObject({ kind: 'invalid', line: 1, column: 1001 });
    expect(result.problem.reason).toMatch(/nested deeper than 1000 levels/);
    expect(result.incomplete).toBe(false);
  });

  it('reports binary content without dumping it', async () => {
    await copyFile(join(FIXTURES, 'binary.pconf'), join(folder.path, 'binary.pconf'));
    const result = await problem('binary.pconf');
    expect(result.problem).toMatchObject({
      kind: 'invalid',
      reason: 'binary.pconf: not a text file (binary or not UTF-8)',
    });
    expect(result.raw?.length).toBe(19);
  });

  it('marks a truncated file incomplete, with the position of the end', async () => {
    await copyFile(join(FIXTURES, 'truncated.pconf'), join(folder.path, 'truncated.pconf'));
    const result = await problem('truncated.pconf');
    expect(result).toMatchObject({ incomplete: true, problem: { kind: 'invalid', line: 1, column: 29 } });
  });

  it('reads the good files in a folder full of hazards, each quickly', async () => {
    execFileSync('mkfifo', [join(folder.path, 'pipe.pconf')]);
    await symlink('/dev/zero', join(folder.path, 'zero.pconf'));
    await symlink('/dev/urandom', join(folder.path, 'random.pconf'));
    await mkdir(join(folder.path, 'dir.pconf'));
    await writeFile(join(folder.path, 'deep.pconf'), '{"a":'.repeat(100_000));
    await copyFile(join(FIXTURES, 'binary.pconf'), join(folder.path, 'binary.pconf'));
    await copyFile(join(FIXTURES, 'pretty.pconf'), join(folder.path, 'fmtpretty.pconf'));
    const names = (await readdir(folder.path)).sort();
    const results = await withDeadline(
      Promise.all(names.map((name) => readPconfFile(join(folder.path, name)))),
      5000,
      'reading every hazardous file',
    );
    const outcome = Object.fromEntries(names.map((name, i) => [name, results[i]?.kind]));
    expect(outcome).toEqual({
      'TestDo.pconf': 'ok',
      'binary.pconf': 'problem',
      'deep.pconf': 'problem',
      'dir.pconf': 'problem',
      'fmtpretty.pconf': 'ok',
      'pipe.pconf': 'problem',
      'random.pconf': 'problem',
      'zero.pconf': 'problem',
    });
    // The FIFO is untouched: still a FIFO, nothing waiting on it.
    expect((await stat(join(folder.path, 'pipe.pconf'))).isFIFO()).toBe(true);
  });
});
