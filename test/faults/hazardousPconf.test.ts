/**
 * .pconf files that are not what they claim, through the registry: a FIFO, a symlink to
 * /dev/zero, a 5 GB sparse file, a directory; and a .pconf whose Sock is a regular file. Each
 * is listed as a problem (or an error on the plugin) with a reason a person understands, and a
 * good plugin beside them is discovered and started as usual.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, open, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRegistry, type PluginRegistry } from '../../src/core/registry/index.js';
import type { ProblemFile } from '../../src/core/types.js';
import { createPlugin, type GoPlugPlugin } from '../../src/sdk/index.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { waitForEvent, waitForState } from '../helpers/registryWait.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

let dir: Awaited<ReturnType<typeof tempFolder>>;
let registry: PluginRegistry | undefined;
const plugins: GoPlugPlugin[] = [];

beforeEach(async () => {
  dir = await tempFolder('gp-h-');
});
afterEach(async () => {
  await registry?.close();
  registry = undefined;
  await Promise.all(plugins.splice(0).map((p) => p.stop()));
  await dir.remove();
});

function goodPlugin(name: string): GoPlugPlugin {
  const plugin = createPlugin({ folder: dir.path, namespace: 'good', name }).method('Echo', (body) => body);
  plugins.push(plugin);
  return plugin;
}

/** The four hazards, named `<prefix>-pipe.pconf` and so on. */
async function dropHazards(prefix: string): Promise<void> {
  execFileSync('mkfifo', [join(dir.path, `${prefix}-pipe.pconf`)]);
  await symlink('/dev/zero', join(dir.path, `${prefix}-zero.pconf`));
  const sparse = await open(join(dir.path, `${prefix}-huge.pconf`), 'w');
  await sparse.truncate(5 * 1024 ** 3);
  await sparse.close();
  await mkdir(join(dir.path, `${prefix}-dir.pconf`));
}

function hazardProblems(prefix: string): Array<Pick<ProblemFile, 'fileName' | 'kind' | 'reason'>> {
  return [
    {
      fileName: `${prefix}-dir.pconf`,
      kind: 'not-regular',
      reason: `${prefix}-dir.pconf is a directory, not a regular file`,
    },
    {
      fileName: `${prefix}-huge.pconf`,
      kind: 'too-large',
      reason: `${prefix}-huge.pconf is 5 GiB (5368709120 bytes), more than the 1 MiB (1048576 bytes) a .pconf may have`,
    },
    {
      fileName: `${prefix}-pipe.pconf`,
      kind: 'not-regular',
      reason: `${prefix}-pipe.pconf is a FIFO (named pipe), not a regular file`,
    },
    {
      fileName: `${prefix}-zero.pconf`,
      kind: 'not-regular',
      reason: `${prefix}-zero.pconf is a symlink to a character device, not a regular file`,
    },
  ];
}

const problemsOf = (reg: PluginRegistry) =>
  reg.problems().map(({ fileName, kind, reason }) => ({ fileName, kind, reason }));

describe('hazardous .pconf files through the registry', () => {
  it('a FIFO, a symlink to /dev/zero, a 5 GB sparse file and a directory are problems with a reason; the good plugin beside them starts', async () => {
    await dropHazards('early');
    await goodPlugin('first').start();
    registry = await withDeadline(openRegistry({ folders: [dir.path] }), 10_000, 'the first scan');
    await withDeadline(registry.whenIdle(), 10_000, 'the registry to settle');
    expect(registry.get('good/first')?.state).toBe('started');
    expect(problemsOf(registry)).toEqual(hazardProblems('early'));

    // The same hazards appearing while the folder is watched block nothing either.
    await dropHazards('late');
    await goodPlugin('second').start();
    await waitForState(registry, 'good/second', 'started');
    await waitUntil(() => registry!.problems().length === 8, 'the late hazards to be reported', 10_000);
    expect(problemsOf(registry)).toEqual([...hazardProblems('early'), ...hazardProblems('late')]);
    expect((await registry.execute('good/second', 'Echo', 'fine')).body.toString()).toBe('fine');
  });

  it('a .pconf whose Sock is a regular file: CONNECT_FAILED naming the path and what it is', async () => {
    const sock = join(dir.path, 'notasocket.sock');
    await writeFile(sock, 'I am a file');
    await writeFile(join(dir.path, 'odd.pconf'), JSON.stringify({ Name: 'odd', NameSpace: 'f', Sock: sock }));
    await goodPlugin('beside').start();
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    const plugin = registry.get('f/odd')!;
    expect(plugin.state).toBe('discovered');
    expect(plugin.unreachable).toBe(true);
    expect(plugin.error).toMatchObject({
      code: 'CONNECT_FAILED',
      message: `f/odd: ${sock} is not a socket (it is a regular file); the .pconf is probably stale`,
    });
    expect(registry.get('good/beside')?.state).toBe('started');
    // An explicit start says the same, and so does the event a UI shows.
    const error = waitForEvent(registry, (e) => e.type === 'error');
    await expect(registry.start('f/odd')).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
    expect(await error).toMatchObject({ id: 'f/odd', path: join(dir.path, 'odd.pconf') });
  });
});
