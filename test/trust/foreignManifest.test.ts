/**
 * Manifests are code (issue 13 §1): a second local user drops a launch manifest into a watched
 * folder others may write to (mode 1777, as /tmp). It must never run as us, whatever reads the
 * folder: the registry with a supervisor (as the Studio), and `goplug up --trust`. Our own
 * manifest of the same shape beside it does run, so the test can see a launch when there is one.
 *
 * The other user is real: the file is written by a process running as `nobody` (setpriv), which
 * needs root (the CI and these machines run the tests as root).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatManifest, ProcessSupervisor, type ManifestInput } from '../../src/core/launcher/index.js';
import { writableFolderWarning } from '../../src/core/launcher/manifestTrust.js';
import { openRegistry, type PluginRegistry } from '../../src/core/registry/index.js';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { openStudio, value } from '../helpers/studio.js';
import { ensureStudioBuilt } from '../helpers/studioBuild.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

const NOBODY = 65534;

let dir: Awaited<ReturnType<typeof tempFolder>>;
let markers: Awaited<ReturnType<typeof tempFolder>>;
let registry: PluginRegistry | undefined;
let supervisor: ProcessSupervisor | undefined;

beforeAll(async () => {
  if (process.getuid?.() !== 0)
    throw new Error('this test writes a file as another user (setpriv), which needs root');
  // Built once per change of the sources, under a lock: never rewritten under another test's feet.
  await ensureStudioBuilt();
}, 240_000);

beforeEach(async () => {
  dir = await tempFolder('gp-shared-');
  await chmod(dir.path, 0o1777);
  markers = await tempFolder('gp-mark-');
});
afterEach(async () => {
  await registry?.close();
  registry = undefined;
  await supervisor?.close();
  supervisor = undefined;
  await dir.remove();
  await markers.remove();
});

/** A manifest whose command leaves a marker file saying who ran it. */
function markingManifest(name: string): ManifestInput {
  return {
    name,
    namespace: 'test',
    command: '/bin/sh',
    args: ['-c', `id > ${join(markers.path, name)}`],
    autoStart: true,
    restart: 'no',
  };
}

/** Writes the file as `nobody`, as a neighbour on a shared machine would. */
async function writeAsNobody(path: string, text: string): Promise<void> {
  const child = spawn(
    'setpriv',
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'sh', '-c', 'cat > "$0"', path],
    {
      stdio: ['pipe', 'ignore', 'inherit'],
    },
  );
  child.stdin.end(text);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`writing ${path} as nobody failed (${String(code)})`);
}

describe("another user's launch manifest", () => {
  it('is a Problem naming its owner and is never launched, while ours beside it is', async () => {
    const foreign = join(dir.path, 'testforeign.plugin.json');
    await writeAsNobody(foreign, formatManifest(markingManifest('foreign')));
    expect((await stat(foreign)).uid).toBe(NOBODY);
    // Ours, but its group may write it: not ours alone either.
    const shared = join(dir.path, 'testshared.plugin.json');
    await writeFile(shared, formatManifest(markingManifest('shared')));
    await chmod(shared, 0o664);
    await writeFile(join(dir.path, 'testours.plugin.json'), formatManifest(markingManifest('ours')), {
      mode: 0o600,
    });

    supervisor = new ProcessSupervisor({ orphanGuard: false });
    registry = await openRegistry({ folders: [dir.path], launcher: supervisor });
    await waitUntil(() => existsSync(join(markers.path, 'ours')), 'our own manifest to run', 15_000);
    await registry.whenIdle();

    expect(registry.problems()).toEqual([
      expect.objectContaining({
        path: foreign,
        kind: 'insecure',
        reason: `testforeign.plugin.json is owned by uid ${NOBODY}, not by you (uid 0); a launch manifest says what runs as you, so it is not used`,
      }),
      expect.objectContaining({
        path: shared,
        kind: 'insecure',
        reason: expect.stringContaining('may be written by its group (mode 0664)'),
      }),
    ]);
    expect(registry.get('test/foreign')).toBeUndefined();
    await expect(registry.start('test/foreign')).rejects.toMatchObject({ code: 'NOT_DISCOVERED' });
    // A rescan and a later look change nothing: it is refused each time, never run.
    await registry.rescan();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(existsSync(join(markers.path, 'foreign'))).toBe(false);
    expect(existsSync(join(markers.path, 'shared'))).toBe(false);

    expect(await writableFolderWarning(dir.path)).toMatch(
      /may be written by other users \(mode 1777, sticky\)/,
    );
  });

  it('makes the Studio warn about the folder others may write to', async () => {
    const studio = await openStudio();
    try {
      value(await studio.service.call('updateSettings', { folders: [dir.path] }));
      expect(value(await studio.service.call('getSnapshot', {})).notices).toContainEqual(
        expect.stringContaining(`${dir.path} may be written by other users (mode 1777, sticky)`),
      );
    } finally {
      await studio.close();
    }
  });

  it('is not approved by goplug up --trust, which says why, and never runs', async () => {
    const foreign = join(dir.path, 'testforeign.plugin.json');
    await writeAsNobody(foreign, formatManifest(markingManifest('foreign')));
    await writeFile(join(dir.path, 'testours.plugin.json'), formatManifest(markingManifest('ours')), {
      mode: 0o600,
    });
    const data = join(markers.path, 'data');
    await mkdir(data);
    const up = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'bin/goplug.js'),
        'up',
        '--dir',
        dir.path,
        '--trust',
        '--data-dir',
        data,
        '--log-dir',
        join(data, 'logs'),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    up.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
    up.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
    try {
      await waitUntil(() => existsSync(join(markers.path, 'ours')), 'our own manifest to run', 20_000);
      await waitUntil(() => out.includes('problem testforeign.plugin.json'), 'the problem line', 10_000);
      expect(err).toContain(`warning: ${dir.path} may be written by other users (mode 1777, sticky)`);
      expect(err).toContain(
        `not approved: testforeign.plugin.json is owned by uid ${NOBODY}, not by you (uid 0)`,
      );
      expect(out).toContain('approved test/ours (');
      expect(out).not.toContain('approved test/foreign');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(existsSync(join(markers.path, 'foreign'))).toBe(false);
    } finally {
      up.kill('SIGTERM');
      await new Promise((resolve) => up.once('exit', resolve));
    }
  }, 60_000);
});
