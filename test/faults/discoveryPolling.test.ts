/**
 * Discovery without the system's file events: the "Watch by polling" mode, and folders on which
 * fs.watch fails because the system has no watch left (EMFILE, ENOSPC), which fall back to
 * polling and say so once.
 *
 * The failures are real: `goplug watch` runs in a child user namespace (`unshare --user
 * --map-root-user`) whose inotify limits are lowered, `/proc/sys/user/max_inotify_instances` to 0
 * (every fs.watch fails with EMFILE) or `max_inotify_watches` to 1 (the watch of the folder's
 * parent is the only one: the folder's own fails with ENOSPC). The limits of a user namespace
 * bind its processes alone; the rest of the machine keeps its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildNode, type Build } from '../helpers/buildOnce.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';
import { withDeadline } from '../../src/core/withDeadline.js';

let build: Build;
let root: Awaited<ReturnType<typeof tempFolder>>;
let watcher: ChildProcess | undefined;

beforeAll(async () => {
  build = await buildNode(['src/cli/main.js']);
}, 120_000);
afterAll(() => build.remove());

beforeEach(async () => {
  root = await tempFolder('gp-poll-');
});
afterEach(async () => {
  if (watcher !== undefined && watcher.exitCode === null && watcher.signalCode === null) {
    const exited = new Promise((resolve) => watcher?.once('exit', resolve));
    watcher.kill('SIGKILL');
    await exited;
  }
  watcher = undefined;
  await root.remove();
});

async function writeConf(folder: string, name: string): Promise<void> {
  const conf = { Name: name, NameSpace: 'p', Sock: join(folder, `${name}.sock`), LazyLoad: true };
  await writeFile(join(folder, `.${name}.tmp`), JSON.stringify(conf));
  await rename(join(folder, `.${name}.tmp`), join(folder, `p${name}.pconf`));
}

type Line = Record<string, unknown>;

/** `goplug watch` with the given arguments, in a user namespace whose inotify limit `limit` is `value`. */
function watchWithInotifyLimit(
  limit: 'max_inotify_instances' | 'max_inotify_watches',
  value: number,
  args: string[],
) {
  const main = pathToFileURL(join(build.outDir, 'src/cli/main.js')).href;
  const launcher = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
  const script = `echo "$1" > /proc/sys/user/${limit} && shift && exec node --input-type=module -e "$@"`;
  const child = spawn(
    'unshare',
    ['--user', '--map-root-user', 'sh', '-c', script, 'sh', String(value), launcher, 'watch', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  watcher = child;
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
  const lines = (): Line[] =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Line);
  const listed = (id: string): boolean => {
    // The latest line about the id says whether its .pconf is there now (a plugin whose file
    // went stays listed as Stopped, with confRemoved).
    const last = lines()
      .filter((l) => (l.plugin as { id: string } | undefined)?.id === id)
      .at(-1);
    return last !== undefined && last.type !== 'removed' && (last.plugin as { confRemoved?: boolean }).confRemoved !== true;
  };
  const stop = async (): Promise<number | null> => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return withDeadline(exited, 10_000, 'goplug watch to exit');
  };
  return { lines, listed, stop, output: () => output };
}

const pollingWarnings = (lines: Line[]): Line[] =>
  lines.filter((l) => l.type === 'warning' && String(l.message).includes('polling it every'));

/** What a user checks of any watch: later files appear, removed ones go, a recreated folder is followed. */
async function followsTheFolder(folder: string, w: ReturnType<typeof watchWithInotifyLimit>): Promise<void> {
  await waitUntil(() => w.listed('p/one'), `p/one listed at start (output: ${w.output()})`, 15_000);
  await writeConf(folder, 'two');
  await waitUntil(() => w.listed('p/two'), `p/two, written later (output: ${w.output()})`, 20_000);
  await rm(join(folder, 'pone.pconf'));
  await waitUntil(() => !w.listed('p/one'), `p/one removed (output: ${w.output()})`, 20_000);
  await rm(folder, { recursive: true });
  await waitUntil(
    () => !w.listed('p/two'),
    `the deleted folder's p/two to go (output: ${w.output()})`,
    20_000,
  );
  await mkdir(folder);
  await writeConf(folder, 'three');
  await waitUntil(
    () => w.listed('p/three'),
    `p/three in the recreated folder (output: ${w.output()})`,
    20_000,
  );
}

describe('discovery without file events', () => {
  it('"Watch by polling" (goplug watch --poll) follows a folder where no fs.watch can be made at all', async () => {
    const folder = join(root.path, 'plugins');
    await mkdir(folder);
    await writeConf(folder, 'one');
    const w = watchWithInotifyLimit('max_inotify_instances', 0, ['--dir', folder, '--poll']);
    await followsTheFolder(folder, w);
    // Polling was asked for: no watch was tried, nothing fell back, nothing to say.
    expect(
      w.lines().filter((l) => l.type === 'warning' && /EMFILE|ENOSPC|polling/.test(String(l.message))),
    ).toEqual([]);
    expect(await w.stop()).toBe(0);
  });

  const outOfWatches = [
    {
      code: 'EMFILE',
      what: 'no inotify instance can be made',
      limit: 'max_inotify_instances' as const,
      value: 0,
      reason: 'the limit of inotify instances or open files is reached (EMFILE)',
    },
    {
      code: 'ENOSPC',
      what: 'the watch of the parent takes the last inotify watch',
      limit: 'max_inotify_watches' as const,
      value: 1,
      reason: 'the limit of inotify watches is reached (ENOSPC, fs.inotify.max_user_watches)',
    },
  ];
  it.each(outOfWatches)(
    'fs.watch on the folder fails with $code ($what): the folder is polled instead, said once',
    async ({ limit, value, reason }) => {
      const folder = join(root.path, 'plugins');
      await mkdir(folder);
      await writeConf(folder, 'one');
      const w = watchWithInotifyLimit(limit, value, ['--dir', folder]);
      await followsTheFolder(folder, w);
      expect(pollingWarnings(w.lines())).toEqual([
        expect.objectContaining({
          path: folder,
          message: `cannot watch plugin folder ${folder} for changes: ${reason}; polling it every 1 s instead`,
        }),
      ]);
      expect(await w.stop()).toBe(0);
    },
  );
});
