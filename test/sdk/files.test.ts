/**
 * What a started SDK plugin leaves on disk, and how it treats what it finds there: modes, the
 * .pconf in Go's exact format, stale and live sockets, paths too long for a socket address.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isGoPlugError } from '../../src/core/errors.js';
import { createPlugin, type GoPlugPlugin, type PluginOptions } from '../../src/sdk/index.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { unixRequest } from '../helpers/unixHttp.js';

let dir: Awaited<ReturnType<typeof tempFolder>>;
const plugins: GoPlugPlugin[] = [];
const servers: Server[] = [];

beforeEach(async () => {
  dir = await tempFolder('gp-sdk-');
});

afterEach(async () => {
  await Promise.all(plugins.splice(0).map((p) => p.stop().catch(() => {})));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  await dir.remove();
});

function plugin(options: Partial<PluginOptions> = {}): GoPlugPlugin {
  const p = createPlugin({ folder: dir.path, namespace: 'Test', name: 'Do', ...options });
  plugins.push(p);
  return p;
}

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('files a started plugin writes', () => {
  it('creates a missing folder 0700, listens on <NameSpace><Name>.sock with mode 0600, writes <NameSpace><Name>.pconf', async () => {
    const folder = join(dir.path, 'new', 'plugins');
    const started = await plugin({ folder }).start();
    expect(started).toEqual({ sock: join(folder, 'TestDo.sock'), pconfPath: join(folder, 'TestDo.pconf') });
    expect(mode(folder)).toBe(0o700);
    expect(mode(join(dir.path, 'new'))).toBe(0o700);
    expect(statSync(started.sock).isSocket()).toBe(true);
    expect(mode(started.sock)).toBe(0o600);
    expect(readdirSync(folder).sort()).toEqual(['TestDo.pconf', 'TestDo.sock']);
  });

  it('writes the .pconf byte for byte as the Go plugin does, then its own pid as the extra key Pid', async () => {
    const { sock, pconfPath } = await plugin().start();
    expect(readFileSync(pconfPath, 'utf8')).toBe(
      `{"Name":"Do","NameSpace":"Test","Url":"unix://TestDo","Sock":"${sock}","LazyLoad":false,"Pid":${process.pid}}`,
    );
  });

  it('writes a given Url and LazyLoad, and an empty namespace as ""', async () => {
    const { sock, pconfPath } = await plugin({
      namespace: undefined,
      name: 'kv',
      url: 'unix://store',
      lazyLoad: true,
    }).start();
    expect(pconfPath).toBe(join(dir.path, 'kv.pconf'));
    expect(readFileSync(pconfPath, 'utf8')).toBe(
      `{"Name":"kv","NameSpace":"","Url":"unix://store","Sock":"${sock}","LazyLoad":true,"Pid":${process.pid}}`,
    );
  });

  it('uses $GOPLUG_PLUGIN_DIR when no folder is given, and says what to do when neither is set', async () => {
    const saved = process.env.GOPLUG_PLUGIN_DIR;
    try {
      process.env.GOPLUG_PLUGIN_DIR = dir.path;
      const p = createPlugin({ namespace: 'env', name: 'x' });
      plugins.push(p);
      expect((await p.start()).pconfPath).toBe(join(dir.path, 'envx.pconf'));
      delete process.env.GOPLUG_PLUGIN_DIR;
      expect(() => createPlugin({ namespace: 'env', name: 'y' })).toThrow(/GOPLUG_PLUGIN_DIR/);
    } finally {
      if (saved === undefined) delete process.env.GOPLUG_PLUGIN_DIR;
      else process.env.GOPLUG_PLUGIN_DIR = saved;
    }
  });

  it('refuses names that would not make a file name in the folder', () => {
    expect(() => createPlugin({ folder: dir.path, name: '' })).toThrow(/name "" is not usable/);
    expect(() => createPlugin({ folder: dir.path, name: 'a/b' })).toThrow(/without "\/"/);
    expect(() => createPlugin({ folder: dir.path, namespace: '../x', name: 'b' })).toThrow(/namespace/);
  });

  it('stop() removes the .pconf and the socket, runs onStop once, and can be called again', async () => {
    let stops = 0;
    const p = plugin({ onStop: () => void (stops += 1) });
    const { sock, pconfPath } = await p.start();
    await Promise.all([p.stop(), p.stop()]);
    await p.stop();
    expect(existsSync(pconfPath)).toBe(false);
    expect(existsSync(sock)).toBe(false);
    expect(stops).toBe(1);
    await expect(p.stopped).resolves.toBeUndefined();
  });

  it('reports an onStop failure from stop() after still cleaning up', async () => {
    const p = plugin({
      onStop: () => {
        throw new Error('flush failed');
      },
    });
    const { sock, pconfPath } = await p.start();
    await expect(p.stop()).rejects.toThrow('flush failed');
    expect(existsSync(pconfPath) || existsSync(sock)).toBe(false);
  });

  it('starts once: a second start() fails with ALREADY_STARTED', async () => {
    const p = plugin();
    await p.start();
    const err: unknown = await p.start().catch((e: unknown) => e);
    expect(isGoPlugError(err, 'ALREADY_STARTED')).toBe(true);
  });
});

describe('what it finds at the socket path', () => {
  it('replaces a stale socket left by a dead process', async () => {
    const sock = join(dir.path, 'TestDo.sock');
    // A process that listens and is killed: its socket file stays, nobody behind it.
    const listenThenDie = `require('net').createServer().listen(${JSON.stringify(sock)}, () => process.kill(process.pid, 'SIGKILL'))`;
    spawnSync(process.execPath, ['-e', listenThenDie], { timeout: 10_000 });
    expect(statSync(sock).isSocket()).toBe(true);
    await expect(unixRequest(sock, '/Ping', { timeoutMs: 2000 })).rejects.toThrow(/ECONNREFUSED/);

    const p = plugin().method('Hi', () => 'hi');
    await p.start();
    const res = await unixRequest(sock, '/Hi');
    expect(res.body.toString()).toBe('hi');
  });

  it('refuses a socket a live process answers on, naming the path, and writes nothing', async () => {
    const sock = join(dir.path, 'TestDo.sock');
    const live = createServer((c) => c.end());
    servers.push(live);
    await new Promise<void>((resolve) => live.listen(sock, resolve));

    const err: unknown = await plugin()
      .start()
      .catch((e: unknown) => e);
    expect(isGoPlugError(err, 'ALREADY_STARTED')).toBe(true);
    expect((err as Error).message).toContain(sock);
    expect((err as Error).message).toMatch(/already serving/);
    expect(readdirSync(dir.path)).toEqual(['TestDo.sock']);
    // The live listener still owns its socket.
    expect(statSync(sock).isSocket()).toBe(true);
  });

  it('lets one of two copies started at once beside a stale socket serve, and refuses the other', async () => {
    const sock = join(dir.path, 'TestDo.sock');
    const listenThenDie = `require('net').createServer().listen(${JSON.stringify(sock)}, () => process.kill(process.pid, 'SIGKILL'))`;
    // Each round is a race; the losing order (one copy removing the other's fresh socket) is not every time.
    for (let round = 0; round < 20; round++) {
      spawnSync(process.execPath, ['-e', listenThenDie], { timeout: 10_000 });
      const copies = [plugin().method('Hi', () => 'hi'), plugin().method('Hi', () => 'hi')];
      const outcomes = await Promise.allSettled(copies.map((c) => c.start()));
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(refused, `round ${round}`).toHaveLength(1);
      expect(isGoPlugError(refused[0], 'ALREADY_STARTED'), String(refused[0])).toBe(true);
      // The copy that serves is the one the path reaches.
      expect((await unixRequest(sock, '/Hi', { timeoutMs: 2000 })).body.toString()).toBe('hi');
      await Promise.all(plugins.splice(0).map((p) => p.stop().catch(() => {})));
    }
  });

  it('takes over the start lock of a copy that died while starting, and leaves no lock behind', async () => {
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    await writeFile(join(dir.path, '.TestDo.sock.lock'), dead);
    await plugin()
      .method('Hi', () => 'hi')
      .start();
    expect((await unixRequest(join(dir.path, 'TestDo.sock'), '/Hi')).body.toString()).toBe('hi');
    expect(readdirSync(dir.path).sort()).toEqual(['TestDo.pconf', 'TestDo.sock']);
  });

  it('refuses to start while a live process holds the start lock, naming it', async () => {
    const lock = join(dir.path, '.TestDo.sock.lock');
    await writeFile(lock, String(process.ppid));
    const err: unknown = await plugin()
      .start()
      .catch((e: unknown) => e);
    expect(isGoPlugError(err, 'ALREADY_STARTED')).toBe(true);
    expect((err as Error).message).toContain(
      `(pid ${process.ppid}) is starting on ${join(dir.path, 'TestDo.sock')}`,
    );
    expect(readdirSync(dir.path)).toEqual(['.TestDo.sock.lock']);
  });

  it('refuses to replace a file that is not a socket', async () => {
    await writeFile(join(dir.path, 'TestDo.sock'), 'precious');
    await expect(plugin().start()).rejects.toThrow(/is not a socket; refusing to replace it/);
    expect(readFileSync(join(dir.path, 'TestDo.sock'), 'utf8')).toBe('precious');
    expect(existsSync(join(dir.path, 'TestDo.pconf'))).toBe(false);
  });

  it('refuses a socket path longer than a Unix socket address allows, before writing anything', async () => {
    const folder = join(dir.path, 'x'.repeat(120));
    const err: unknown = await plugin({ folder })
      .start()
      .catch((e: unknown) => e);
    expect(isGoPlugError(err, 'CONFIG_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(/socket path is \d+ bytes long; .* at most \d+ bytes/);
    expect((err as Error).message).toContain(join(folder, 'TestDo.sock'));
    expect(existsSync(folder)).toBe(false);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('leaves nothing behind when the .pconf cannot be written', async () => {
    const folder = join(dir.path, 'p');
    await mkdir(folder, { mode: 0o700 });
    // A folder in the way of the .pconf: the rename onto it fails after the socket listens.
    await mkdir(join(folder, 'TestDo.pconf', 'x'), { recursive: true });
    await expect(plugin({ folder }).start()).rejects.toThrow();
    expect(existsSync(join(folder, 'TestDo.sock'))).toBe(false);
  });
});
