/**
 * Fixing a .pconf through the service (validateConf, saveConf, openInEditor) on real temp folders
 * with the real registry watching them: the file is replaced atomically with its owner and mode,
 * only our own .pconf files are written, a file changed on disk or an invalid text is refused
 * unless asked, and the registry takes the saved file in.
 */
import { chmod, chown, link, lstat, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope, StudioSnapshot } from '../../src/shared/contract.js';
import { openStudio, value, type Studio } from '../helpers/studio.js';

let studio: Studio | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
});

const BROKEN = '{\n  "Name": "fixme",\n  "NameSpace": "test",\n  "LazyLoad": "yes"\n}\n';
const fixed = (sock: string) =>
  `{\n  "Name": "fixme",\n  "NameSpace": "test",\n  "Sock": ${JSON.stringify(sock)},\n  "LazyLoad": true\n}\n`;

async function snapshot(): Promise<StudioSnapshot> {
  return value(await studio!.service.call('getSnapshot', {}));
}

/** Polls the snapshot until `ready` holds for it. */
async function until(ready: (s: StudioSnapshot) => boolean, what: string): Promise<void> {
  let last: StudioSnapshot | undefined;
  const poll = async () => {
    last = await snapshot();
    return ready(last);
  };
  const giveUp = Date.now() + 10_000;
  while (!(await poll())) {
    if (Date.now() > giveUp)
      throw new Error(`${what}: not the case (problems: ${JSON.stringify(last?.problems)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function failure<T>(answer: Envelope<T>) {
  if (answer.ok) throw new Error('expected a refusal, got ok');
  return answer.error;
}

/** A broken .pconf in the watched folder, once the registry lists it as a problem; its facts as inspect gives them. */
async function brokenFile(name = 'testfixme.pconf') {
  const path = join(studio!.pluginDir, name);
  await writeFile(path, BROKEN);
  await until((s) => s.problems.some((p) => p.path === path), `${name} listed as a problem`);
  const inspection = value(await studio!.service.call('inspect', { path }));
  return { path, expected: { mtimeMs: inspection.file!.mtimeMs, size: inspection.file!.size } };
}

describe('validateConf', () => {
  it('checks the text being edited as the registry would read the file, with line and column', async () => {
    studio = await openStudio();
    const path = join(studio.pluginDir, 'testfixme.pconf');
    const bad = value(await studio.service.call('validateConf', { path, text: BROKEN }));
    expect(bad).toMatchObject({ ok: false, error: { line: 4, column: 15, field: 'LazyLoad' } });
    expect(bad.ok || bad.error.message).toContain('LazyLoad must be a boolean (found string "yes")');
    const syntax = value(
      await studio.service.call('validateConf', { path, text: '{"Name": "x",\n "Sock" "/s"}' }),
    );
    expect(syntax).toMatchObject({ ok: false, error: { line: 2, column: 9 } });
    const good = value(await studio.service.call('validateConf', { path, text: fixed('/tmp/x.sock') }));
    expect(good).toMatchObject({ ok: true, conf: { name: 'fixme', namespace: 'test', lazyLoad: true } });
  });

  it('refuses a path that is not a .pconf of a watched folder', async () => {
    studio = await openStudio();
    for (const path of [
      '/etc/passwd',
      join(studio.pluginDir, 'x.plugin.json'),
      'relative.pconf',
      '/tmp/elsewhere.pconf',
    ]) {
      const error = failure(await studio.service.call('validateConf', { path, text: '{}' }));
      expect(['FORBIDDEN', 'INVALID_REQUEST'], path).toContain(error.code);
      expect(error.message).toContain(path === 'relative.pconf' ? 'must be absolute' : basename(path));
    }
  });
});

describe('saveConf', () => {
  it('fixes a broken file in place, keeping owner and mode; the registry takes it in and the problem clears', async () => {
    studio = await openStudio();
    const { path, expected } = await brokenFile();
    await chmod(path, 0o640);
    const before = await stat(path);
    const text = fixed(join(studio.pluginDir, 'fixme.sock'));
    const saved = value(
      await studio.service.call('saveConf', {
        path,
        text,
        expected: { ...expected, mtimeMs: before.mtimeMs },
      }),
    );
    const after = await stat(path);
    expect(await readFile(path, 'utf8')).toBe(text);
    expect(after.ino).not.toBe(before.ino); // replaced by a rename, never written in place
    expect(after.mode & 0o7777).toBe(0o640);
    expect([after.uid, after.gid]).toEqual([before.uid, before.gid]);
    expect(saved).toEqual({
      invalid: false,
      file: { path, size: after.size, mtimeMs: after.mtimeMs, mode: after.mode, uid: after.uid },
    });
    expect(await readdir(studio.pluginDir)).toEqual(['testfixme.pconf']);
    await until(
      (s) =>
        !s.problems.some((p) => p.path === path) &&
        s.plugins.some((p) => p.id === 'test/fixme' && p.confPath === path),
      'the problem cleared and test/fixme discovered',
    );
    await studio.waitFor('test/fixme', 'discovered');
  });

  it('keeps the uid and gid of a file owned by another user (when the Studio may give them)', async () => {
    studio = await openStudio();
    const { path } = await brokenFile();
    const root = process.getuid!() === 0;
    // Only root can give a file away; a user keeps their own ids, which is all this shows then.
    const owner = root ? { uid: 4321, gid: 4322 } : { uid: process.getuid!(), gid: process.getgid!() };
    await chown(path, owner.uid, owner.gid);
    const now = await stat(path);
    const text = fixed('/tmp/gp-other.sock');
    value(
      await studio.service.call('saveConf', {
        path,
        text,
        expected: { mtimeMs: now.mtimeMs, size: now.size },
      }),
    );
    const after = await stat(path);
    expect({ uid: after.uid, gid: after.gid }).toEqual(owner);
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('refuses when the file changed or went away since it was loaded, leaving it as it is', async () => {
    studio = await openStudio();
    const { path, expected } = await brokenFile();
    const meanwhile = BROKEN.replace('fixme', 'other');
    await writeFile(path, meanwhile);
    const changed = failure(
      await studio.service.call('saveConf', { path, text: fixed('/tmp/a.sock'), expected }),
    );
    expect(changed.code).toBe('FILE_CHANGED');
    expect(changed.message).toContain(`${path} changed on disk since it was loaded`);
    expect(changed.hint).toMatch(/Reload/);
    expect(await readFile(path, 'utf8')).toBe(meanwhile);

    await rm(path);
    const gone = failure(
      await studio.service.call('saveConf', { path, text: fixed('/tmp/a.sock'), expected }),
    );
    expect(gone).toMatchObject({
      code: 'FILE_CHANGED',
      message: `saveConf: ${path} was removed since it was loaded; not saved`,
    });
    expect(await readdir(studio.pluginDir)).toEqual([]);
  });

  it('refuses an invalid text, naming line and column, unless asked to save it anyway', async () => {
    studio = await openStudio();
    const { path, expected } = await brokenFile();
    const still = '{\n  "Name": "fixme",\n  "Sock": 42\n}\n';
    const refused = failure(await studio.service.call('saveConf', { path, text: still, expected }));
    expect(refused.code).toBe('CONFIG_INVALID');
    expect(refused.message).toMatch(/^saveConf: not saved: testfixme\.pconf: .*Sock must be a string/);
    expect(refused.hint).toContain('Save anyway');
    expect(await readFile(path, 'utf8')).toBe(BROKEN);

    const forced = value(await studio.service.call('saveConf', { path, text: still, expected, force: true }));
    expect(forced.invalid).toBe(true);
    expect(await readFile(path, 'utf8')).toBe(still);
    await until(
      (s) => s.problems.some((p) => p.path === path && p.reason.includes('Sock must be a string')),
      'the problem names the saved text',
    );
  });

  it('writes only a regular .pconf of a watched folder: not a link, not a hard-linked file, nothing outside', async () => {
    studio = await openStudio();
    const { path, expected } = await brokenFile();
    const outside = '/tmp/gp-outside-test.pconf';
    const text = fixed('/tmp/a.sock');
    const refusals: Array<[string, RegExp]> = [
      [outside, /is not inside a watched folder/],
      [join(studio.pluginDir, 'notes.txt'), /is not a \.pconf file/],
      ['/etc/passwd', /is not a \.pconf file/],
    ];
    const viaLink = join(studio.pluginDir, 'testlink.pconf');
    await symlink(path, viaLink);
    refusals.push([viaLink, /is a symbolic link; not saved/]);
    const linked = join(studio.pluginDir, 'testhard.pconf');
    const second = join(studio.pluginDir, 'testhard2.pconf');
    await writeFile(linked, BROKEN);
    await link(linked, second);
    refusals.push([linked, /has 2 hard links, which a save would separate/]);
    for (const [target, why] of refusals) {
      const now = await lstat(target).catch(() => null);
      const answer = await studio.service.call('saveConf', {
        path: target,
        text,
        expected: now ? { mtimeMs: now.mtimeMs, size: now.size } : expected,
      });
      const error = failure(answer);
      expect(error.code, target).toBe('FORBIDDEN');
      expect(error.message, target).toMatch(why);
    }
    expect(await readFile(path, 'utf8')).toBe(BROKEN);
    expect(await readFile(second, 'utf8')).toBe(BROKEN);
    expect((await lstat(viaLink)).isSymbolicLink()).toBe(true);
  });
});

describe('openInEditor', () => {
  it('is refused in web mode with what to do instead', async () => {
    studio = await openStudio();
    const { path } = await brokenFile();
    const error = failure(await studio.service.call('openInEditor', { path }));
    expect(error).toMatchObject({
      code: 'UNSUPPORTED',
      message: 'Opening a file in your editor is not available in web mode.',
    });
    expect(error.hint).toContain('copy the path');
    expect(value(await studio.service.call('getSnapshot', {})).platform.canOpenInEditor).toBe(false);
  });

  it('hands the desktop only a regular, non-executable .pconf of a watched folder', async () => {
    studio = await openStudio();
    const opened: string[] = [];
    const service = await studio.restart({
      platformHandlers: { openInEditor: async (p) => void opened.push(p) },
    });
    expect(value(await service.call('getSnapshot', {})).platform.canOpenInEditor).toBe(true);
    const path = join(studio.pluginDir, 'testopen.pconf');
    await writeFile(path, BROKEN);
    value(await service.call('openInEditor', { path }));
    const runnable = join(studio.pluginDir, 'testrun.pconf');
    await writeFile(runnable, '#!/bin/sh\necho ran\n', { mode: 0o755 });
    const executable = failure(await service.call('openInEditor', { path: runnable }));
    expect(executable.code).toBe('FORBIDDEN');
    expect(executable.message).toContain('is executable (mode 0755): the system might run it');
    for (const other of ['/bin/sh', join(studio.pluginDir, 'x.plugin.json'), studio.pluginDir]) {
      expect(failure(await service.call('openInEditor', { path: other })).code, other).toBe('FORBIDDEN');
    }
    expect(opened).toEqual([path]);
  });
});
