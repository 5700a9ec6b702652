/**
 * Faults of the discovery folder itself: missing, deleted and recreated, made unreadable,
 * replaced by a symlink. The registry follows what the folder holds and says what is wrong
 * with it; nothing is lost because the folder could not be listed for a while.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openRegistry, PluginRegistry } from '../../src/core/registry/index.js';
import type { RegistryEvent } from '../../src/core/types.js';
import { buildNode, type Build } from '../helpers/buildOnce.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { waitForEvent } from '../helpers/registryWait.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

let build: Build;
let root: Awaited<ReturnType<typeof tempFolder>>;
let registry: PluginRegistry | undefined;
let watcher: ChildProcess | undefined;

beforeAll(async () => {
  build = await buildNode(['src/cli/main.js']);
}, 120_000);
afterAll(() => build.remove());

beforeEach(async () => {
  root = await tempFolder('gp-f-');
});
afterEach(async () => {
  await registry?.close();
  registry = undefined;
  if (watcher !== undefined && watcher.exitCode === null && watcher.signalCode === null) {
    const exited = new Promise((resolve) => watcher?.once('exit', resolve));
    watcher.kill('SIGKILL');
    await exited;
  }
  watcher = undefined;
  await chmod(join(root.path, 'plugins'), 0o755).catch(() => undefined);
  await root.remove();
});

/** A LazyLoad .pconf, renamed into place as plugins do: discovery lists it without connecting. */
async function writeConf(folder: string, name: string): Promise<void> {
  const conf = { Name: name, NameSpace: 'f', Sock: join(folder, `${name}.sock`), LazyLoad: true };
  await writeFile(join(folder, `.${name}.tmp`), JSON.stringify(conf));
  await rename(join(folder, `.${name}.tmp`), join(folder, `f${name}.pconf`));
}

/** The plugins whose .pconf is there (one whose file went stays listed as Stopped, issue 14 §1). */
const ids = (reg: PluginRegistry): string =>
  reg
    .list()
    .filter((p) => p.confRemoved !== true)
    .map((p) => p.id)
    .join(' ');

function record(reg: PluginRegistry): RegistryEvent[] {
  const events: RegistryEvent[] = [];
  reg.on('event', (e) => events.push(e));
  return events;
}

describe('the discovery folder', () => {
  it('missing when the registry opens: a warning says so, and plugins are found once it is created', async () => {
    const folder = join(root.path, 'plugins');
    // Opened in two steps so the warning of the first scan is heard.
    const reg = new PluginRegistry({ folders: [folder] });
    registry = reg;
    const warning = waitForEvent(reg, (e) => e.type === 'warning');
    await reg.init();
    expect(await warning).toMatchObject({
      message: `cannot list plugin folder ${folder}: no such file or directory (ENOENT)`,
    });
    await mkdir(folder);
    await writeConf(folder, 'one');
    await waitUntil(() => ids(reg) === 'f/one', 'f/one in the folder created later', 10_000);
  });

  it('deleted: its plugins stop; recreated: plugins written into it are discovered again', async () => {
    const folder = join(root.path, 'plugins');
    await mkdir(folder);
    await writeConf(folder, 'one');
    registry = await openRegistry({ folders: [folder] });
    expect(ids(registry)).toBe('f/one');

    await rm(folder, { recursive: true });
    await waitUntil(() => ids(registry!) === '', 'the plugins of the deleted folder to go', 10_000);
    expect(registry.get('f/one')).toMatchObject({ state: 'stopped', confRemoved: true });

    await mkdir(folder);
    await writeConf(folder, 'two');
    await waitUntil(() => ids(registry!) === 'f/two', 'f/two in the recreated folder', 10_000);
    await writeConf(folder, 'three');
    await waitUntil(() => ids(registry!) === 'f/three f/two', 'f/three, written later', 10_000);
  });

  it('a symlink to a folder: live discovery looks inside it', async () => {
    const real = join(root.path, 'real');
    const folder = join(root.path, 'plugins');
    await mkdir(real);
    await symlink(real, folder);
    await writeConf(real, 'one');
    registry = await openRegistry({ folders: [folder] });
    expect(registry.get('f/one')?.confPath).toBe(join(folder, 'fone.pconf'));
    await writeConf(real, 'two');
    await waitUntil(
      () => ids(registry!) === 'f/one f/two',
      'f/two written into the symlinked folder',
      10_000,
    );
    await rm(join(real, 'fone.pconf'));
    await waitUntil(() => ids(registry!) === 'f/two', 'f/one removed from the symlinked folder', 10_000);
  });

  it('replaced by a symlink to another folder: the plugins there replace the old ones', async () => {
    const folder = join(root.path, 'plugins');
    const elsewhere = join(root.path, 'elsewhere');
    await mkdir(folder);
    await mkdir(elsewhere);
    await writeConf(folder, 'old');
    await writeConf(elsewhere, 'moved');
    registry = await openRegistry({ folders: [folder] });
    const events = record(registry);
    expect(ids(registry)).toBe('f/old');

    await rm(folder, { recursive: true });
    await symlink(elsewhere, folder);
    await waitUntil(() => ids(registry!) === 'f/moved', 'the symlinked folder’s plugins', 10_000);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'stopped', plugin: expect.objectContaining({ id: 'f/old', confRemoved: true }) }),
    );
    await writeConf(elsewhere, 'later');
    await waitUntil(
      () => ids(registry!) === 'f/later f/moved',
      'a plugin written through the symlink',
      10_000,
    );
  });

  /**
   * Root reads any folder whatever its mode, so as root the registry runs in a `goplug watch`
   * process with the uid and gid of `nobody` (65534): chmod 000 then really denies it the folder.
   */
  it('made unreadable: a warning names the folder and the reason, known plugins stay; readable again: new ones are found', async () => {
    const folder = join(root.path, 'plugins');
    await chmod(root.path, 0o755);
    await mkdir(folder, { mode: 0o755 });
    await writeConf(folder, 'one');
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const main = pathToFileURL(join(build.outDir, 'src/cli/main.js')).href;
    const launcher = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
    const child = spawn('node', ['--input-type=module', '-e', launcher, 'watch', '--dir', folder], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...asNobody,
    });
    watcher = child;
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    const lines = (): Array<Record<string, unknown>> =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const discovered = (id: string) => () =>
      lines().some((l) => l.type === 'discovered' && (l.plugin as { id: string }).id === id);
    await waitUntil(discovered('f/one'), `goplug watch to list f/one (output: ${output})`, 15_000);

    await chmod(folder, 0o000);
    const denied = `cannot list plugin folder ${folder}: permission denied (EACCES)`;
    await waitUntil(
      () => lines().some((l) => l.type === 'warning' && l.message === denied),
      'the EACCES warning',
      10_000,
    );
    expect(lines().filter((l) => l.type === 'removed')).toEqual([]);

    await chmod(folder, 0o755);
    await writeConf(folder, 'two');
    await waitUntil(discovered('f/two'), 'f/two once the folder is readable again', 10_000);
    expect(lines().filter((l) => l.type === 'removed')).toEqual([]);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await withDeadline(exited, 10_000, 'goplug watch to exit')).toBe(0);
  });
});
