/**
 * A hostile local user: anyone who can write to the plugin folder can drop a .pconf pointing at
 * a socket of theirs. The registry refuses a socket owned by another user (UNTRUSTED, saying
 * why, without connecting) unless the user allowed that uid, and warns about a .pconf or socket
 * that others may write to. (Sockets the SDK creates are 0600 in a 0700 folder:
 * test/sdk/files.test.ts.)
 *
 * The foreign socket is real: created by a Go plugin double, then chowned to `nobody` (65534),
 * which needs root (the CI and these machines run the tests as root).
 */
import { chmod, chown, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRegistry, PluginRegistry } from '../../src/core/registry/index.js';
import type { RegistryEvent } from '../../src/core/types.js';
import { createPlugin, type GoPlugPlugin } from '../../src/sdk/index.js';
import { startGoPluginDouble, type GoPluginDouble } from '../helpers/goPluginDouble.js';
import { tempFolder } from '../helpers/tempFolder.js';

const NOBODY = 65534;

let dir: Awaited<ReturnType<typeof tempFolder>>;
let registry: PluginRegistry | undefined;
let double: GoPluginDouble | undefined;
let plugin: GoPlugPlugin | undefined;

beforeEach(async () => {
  dir = await tempFolder('gp-t-');
});
afterEach(async () => {
  await registry?.close();
  registry = undefined;
  await double?.close();
  double = undefined;
  await plugin?.stop();
  plugin = undefined;
  await dir.remove();
});

/** A listening plugin whose socket belongs to `nobody`, with its .pconf in the folder. */
async function foreignPlugin(): Promise<GoPluginDouble> {
  if (process.getuid?.() !== 0) {
    throw new Error('this test gives a socket to another user (chown), which needs root');
  }
  double = await startGoPluginDouble({ dir: dir.path, writePconf: true, methods: { 'main.Do': 'impostor' } });
  await chown(double.sock, NOBODY, NOBODY);
  return double;
}

function record(reg: PluginRegistry): RegistryEvent[] {
  const events: RegistryEvent[] = [];
  reg.on('event', (e) => events.push(e));
  return events;
}

describe('sockets owned by another user', () => {
  it('are refused with UNTRUSTED, saying whose socket it is, and nothing is sent to them', async () => {
    const impostor = await foreignPlugin();
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    const message = `Test/Do: refused to connect, socket ${impostor.sock} is owned by uid ${NOBODY}, not by you (uid 0)`;
    expect(registry.get('Test/Do')).toMatchObject({
      state: 'discovered',
      unreachable: true,
      methods: [],
      error: {
        code: 'UNTRUSTED',
        message,
        hint: 'Another user owns this socket, so it could be impersonating the plugin. Allow that user in settings only if you trust it.',
      },
    });
    const events = record(registry);
    await expect(registry.start('Test/Do')).rejects.toMatchObject({ code: 'UNTRUSTED', message });
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'error',
        id: 'Test/Do',
        error: expect.objectContaining({ code: 'UNTRUSTED' }),
      }),
    );
    await expect(registry.execute('Test/Do', 'main.Do')).rejects.toMatchObject({ code: 'NOT_STARTED' });
    expect(impostor.requests).toEqual([]);
  });

  it('are used when the user allowed that uid (allowedSocketOwners)', async () => {
    const allowed = await foreignPlugin();
    registry = await openRegistry({ folders: [dir.path], allowedSocketOwners: [NOBODY] });
    await registry.whenIdle();
    expect(registry.get('Test/Do')).toMatchObject({ state: 'started', error: null, methods: ['main.Do'] });
    expect((await registry.execute('Test/Do', 'main.Do')).body.toString()).toBe('impostor');
    // Activate, the describe request that follows it (a Go plugin answers it 400), then the call.
    expect(allowed.requests.map((r) => r.target)).toEqual(['/Activate', '/.well-known/goplug/describe', '/main.Do']);
  });
});

describe('a Sock that is a symbolic link', () => {
  it('is refused with UNTRUSTED (connecting would follow it to whoever owns the target), and nothing is sent', async () => {
    double = await startGoPluginDouble({ dir: dir.path });
    const link = join(dir.path, 'link.sock');
    await symlink(double.sock, link);
    await writeFile(
      join(dir.path, 'linked.pconf'),
      JSON.stringify({ Name: 'linked', NameSpace: 'sec', Sock: link }),
    );
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    expect(registry.get('sec/linked')).toMatchObject({
      state: 'discovered',
      error: {
        code: 'UNTRUSTED',
        message: `sec/linked: refused to connect, socket ${link} is a symbolic link (to ${double.sock}); the socket itself must be named so that its owner can be checked`,
        hint: 'Point Sock in the .pconf at the socket itself, not at a link to it.',
      },
    });
    expect(double.requests).toEqual([]);
  });
});

describe('files other users may write', () => {
  it('a .pconf writable by others is a warning, on the plugin and as an event', async () => {
    plugin = createPlugin({ folder: dir.path, namespace: 'sec', name: 'open' }).method('Echo', (b) => b);
    const { pconfPath } = await plugin.start();
    await chmod(pconfPath, 0o666);
    // Opened in two steps so the warnings of the first scan are heard.
    registry = new PluginRegistry({ folders: [dir.path] });
    const events = record(registry);
    await registry.init();
    await registry.whenIdle();
    const message = `.pconf ${pconfPath} is writable by other users (mode 0666); anyone could replace it`;
    expect(registry.get('sec/open')?.warnings).toContainEqual({ message });
    expect(registry.get('sec/open')?.state).toBe('started');
    expect(events).toContainEqual({ type: 'warning', id: 'sec/open', path: pconfPath, message });
  });

  it('a socket writable by others is a warning on the plugin; the plugin still starts', async () => {
    plugin = createPlugin({ folder: dir.path, namespace: 'sec', name: 'wide', lazyLoad: true }).method(
      'Echo',
      (b) => b,
    );
    const { sock } = await plugin.start();
    await chmod(sock, 0o777);
    registry = await openRegistry({ folders: [dir.path] });
    const started = await registry.start('sec/wide');
    expect(started.state).toBe('started');
    expect(started.warnings).toContainEqual({
      message: `socket ${sock} is writable by other users (mode 0777); anyone could replace it`,
    });
  });
});
