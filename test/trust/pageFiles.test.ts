/**
 * The page reads only what is ours (issue 13 §3): `inspect` and `reveal` take `.pconf` and
 * `.plugin.json` files inside the watched folders, and no symlink out of them. The attacks of the
 * review: /etc/passwd directly, a link to it inside a watched folder, and a folder of secrets
 * added through updateSettings. Real service, real files and links.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStudio, value, type Studio } from '../helpers/studio.js';
import { tempFolder } from '../helpers/tempFolder.js';

let studio: Studio | undefined;
let outside: Awaited<ReturnType<typeof tempFolder>> | undefined;
afterEach(async () => {
  await studio?.close();
  studio = undefined;
  await outside?.remove();
  outside = undefined;
});

const refused = { ok: false, error: { code: 'FORBIDDEN' } };

describe('files the page may point the service at', () => {
  it('refuses /etc/passwd, links to it, traversal and files that are not ours; takes our files', async () => {
    const revealed: string[] = [];
    studio = await openStudio({
      platform: { kind: 'electron', canPickFolder: false, canReveal: true },
      platformHandlers: { reveal: async (path) => void revealed.push(path) },
    });
    const dir = studio.pluginDir;
    outside = await tempFolder('gp-out-');
    await symlink('/etc/passwd', join(dir, 'passwd.pconf'));
    await symlink('/etc/passwd', join(dir, 'passwd'));
    await writeFile(join(outside.path, 'elsewhere.pconf'), '{"Name":"x"}');
    await symlink(join(outside.path, 'elsewhere.pconf'), join(dir, 'elsewhere.pconf'));
    await writeFile(join(dir, 'notes.txt'), 'secret');
    await symlink(join(dir, 'notes.txt'), join(dir, 'notes.pconf'));

    const attempts = [
      '/etc/passwd',
      join(dir, 'passwd.pconf'),
      join(dir, 'passwd'),
      join(dir, '..', '..', 'etc', 'passwd'),
      join(dir, 'elsewhere.pconf'),
      join(dir, 'notes.txt'),
      join(dir, 'notes.pconf'),
      dir,
    ];
    for (const path of attempts) {
      expect(await studio.service.call('inspect', { path }), path).toMatchObject(refused);
      expect(await studio.service.call('reveal', { path }), path).toMatchObject(refused);
    }
    expect(await studio.service.call('inspect', { path: join(dir, 'passwd.pconf') })).toMatchObject({
      error: { message: `inspect: passwd.pconf (a link to passwd) is not a .pconf or .plugin.json file` },
    });
    expect(revealed).toEqual([]);

    const conf = join(dir, 'testok.pconf');
    const text = '{"Name":"ok","NameSpace":"test","Sock":"/tmp/testok.sock"}';
    await writeFile(conf, text);
    expect(value(await studio.service.call('inspect', { path: conf }))).toMatchObject({
      path: conf,
      raw: text,
    });
    const manifest = join(dir, 'testok.plugin.json');
    await writeFile(manifest, '{"name":"ok","namespace":"test","command":"true"}');
    value(await studio.service.call('reveal', { path: manifest }));
    expect(revealed).toEqual([manifest]);
  });

  it('a folder of secrets added through the settings gives away nothing but plugin files', async () => {
    studio = await openStudio();
    outside = await tempFolder('gp-ssh-');
    const secrets = join(outside.path, '.ssh');
    await mkdir(secrets);
    await writeFile(join(secrets, 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\n', { mode: 0o600 });
    value(await studio.service.call('updateSettings', { folders: [studio.pluginDir, secrets] }));
    const read = await studio.service.call('inspect', { path: join(secrets, 'id_ed25519') });
    expect(read).toMatchObject(refused);
    expect(JSON.stringify(read)).not.toContain('PRIVATE KEY');
  });
});
