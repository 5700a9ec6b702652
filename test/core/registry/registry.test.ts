import { createServer, type Server } from 'node:http';
import { readdirSync } from 'node:fs';
import { rename, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRegistry, type PluginRegistry } from '../../../src/core/registry/index.js';
import type { RegistryEvent } from '../../../src/core/types.js';
import { createPlugin, type GoPlugPlugin } from '../../../src/sdk/index.js';
import { tempFolder } from '../../helpers/tempFolder.js';
import { waitForEvent, waitForState } from '../../helpers/registryWait.js';
import { waitUntil } from '../../helpers/waitUntil.js';

let dir: Awaited<ReturnType<typeof tempFolder>>;
let registry: PluginRegistry | undefined;
const plugins: GoPlugPlugin[] = [];

beforeEach(async () => {
  dir = await tempFolder();
});

afterEach(async () => {
  await registry?.close();
  registry = undefined;
  await Promise.all(plugins.splice(0).map((p) => p.stop()));
  await dir.remove();
});

function echoPlugin(name: string, opts: { namespace?: string; lazyLoad?: boolean } = {}): GoPlugPlugin {
  const plugin = createPlugin({ folder: dir.path, name, namespace: opts.namespace ?? 'demo', lazyLoad: opts.lazyLoad })
    .method('Echo', (body) => body)
    .method('Hang', (_body, ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(''))));
  plugins.push(plugin);
  return plugin;
}

function record(reg: PluginRegistry): RegistryEvent[] {
  const events: RegistryEvent[] = [];
  reg.on('event', (e) => events.push(e));
  return events;
}

describe('discovery and lifecycle', () => {
  it('finds a plugin written after open, activates it and lists its methods', async () => {
    registry = await openRegistry({ folders: [dir.path] });
    const events = record(registry);
    await echoPlugin('echo').start();
    await waitForState(registry, 'demo/echo', 'started');
    const plugin = registry.get('demo/echo')!;
    expect(plugin.methods).toEqual(['Echo', 'Hang']);
    expect(plugin.sock).toBe(join(dir.path, 'demoecho.sock'));
    const lifecycle = events.filter((e) => 'plugin' in e).map((e) => e.type);
    expect(lifecycle.slice(0, 3)).toEqual(['discovered', 'starting', 'started']);
  });

  it('lists plugins already in the folder at open, and leaves a LazyLoad plugin Discovered until started', async () => {
    await echoPlugin('echo').start();
    await echoPlugin('kv', { lazyLoad: true }).start();
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    expect(registry.list().map((p) => [p.id, p.state, p.lazyLoad])).toEqual([
      ['demo/echo', 'started', false],
      ['demo/kv', 'discovered', true],
    ]);
    await expect(registry.execute('demo/kv', 'Echo', 'x')).rejects.toMatchObject({ code: 'NOT_STARTED' });
    const started = await registry.start('demo/kv');
    expect(started.state).toBe('started');
    await expect(registry.start('demo/kv')).rejects.toMatchObject({ code: 'ALREADY_STARTED' });
  });

  it('executes methods, pings, and names what is wrong with a bad call', async () => {
    await echoPlugin('echo').start();
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    const response = await registry.execute('demo/echo', 'Echo', Buffer.from([0, 1, 2, 255]));
    expect(response.status).toBe(200);
    expect([...response.body]).toEqual([0, 1, 2, 255]);
    expect((await registry.ping('demo/echo')).rttMs).toBeGreaterThan(0);
    await expect(registry.execute('demo/echo', 'Nope')).rejects.toMatchObject({ code: 'METHOD_NOT_FOUND' });
    await expect(registry.execute('demo/nobody', 'Echo')).rejects.toMatchObject({ code: 'NOT_DISCOVERED' });
  });

  it('stops a plugin with POST /Stop: Stopping, Stopped; it stays listed when its .pconf goes, until forgotten', async () => {
    await echoPlugin('echo').start();
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    const events = record(registry);
    const stopped = await registry.stop('demo/echo');
    expect(stopped.state).toBe('stopped');
    await waitUntil(() => registry!.get('demo/echo')?.confRemoved === true, 'the .pconf to be gone', 10_000);
    expect(registry.get('demo/echo')!.state).toBe('stopped');
    expect(events.filter((e) => 'plugin' in e).map((e) => e.type)).toEqual(['stopping', 'stopped', 'changed']);
    await expect(registry.stop('demo/echo')).rejects.toMatchObject({ code: 'NOT_STARTED' });
    registry.forget('demo/echo');
    expect(registry.get('demo/echo')).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: 'removed', plugin: { id: 'demo/echo' } });
    await expect(registry.stop('demo/echo')).rejects.toMatchObject({ code: 'NOT_DISCOVERED' });
  });

  it('keeps NameSpace and Name apart: ab+c and a+bc are two plugins', async () => {
    // Go would name both files abc.pconf; here they sit in two files and must stay two plugins.
    const conf = (namespace: string, name: string) =>
      JSON.stringify({ Name: name, NameSpace: namespace, Sock: '/tmp/gp-none.sock', LazyLoad: true });
    await writeFile(join(dir.path, 'one.pconf'), conf('ab', 'c'));
    await writeFile(join(dir.path, 'two.pconf'), conf('a', 'bc'));
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    expect(registry.list().map((p) => p.id)).toEqual(['a/bc', 'ab/c']);
  });
});

describe('callbacks', () => {
  it('delivers a burst of notifications, none lost, in order, while calls keep working', async () => {
    const plugin = echoPlugin('clock');
    await plugin.start();
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    const received: string[] = [];
    const unsubscribe = registry.subscribe('demo/clock', 'tick', (body) => received.push(body.toString()));
    for (let i = 0; i < 500; i++) plugin.notify('tick', `n${i}`);
    // A waiting long-poll must not block calls (the Go host deadlocks here).
    expect((await registry.execute('demo/clock', 'Echo', 'still here')).body.toString()).toBe('still here');
    await waitUntil(() => received.length === 500, '500 notifications', 10_000);
    expect(received).toEqual(Array.from({ length: 500 }, (_, i) => `n${i}`));
    unsubscribe();
  });
});

describe('concurrent starts and stops', () => {
  it('joins a start under way: two starts at once activate once and both see Started', async () => {
    await echoPlugin('kv', { lazyLoad: true }).start();
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    const events = record(registry);
    const [a, b] = await Promise.all([registry.start('demo/kv'), registry.start('demo/kv')]);
    expect([a.state, b.state]).toEqual(['started', 'started']);
    expect(events.filter((e) => e.type === 'starting')).toHaveLength(1);
    expect((await registry.execute('demo/kv', 'Echo', 'x')).status).toBe(200);
  });

  it('ends subscriptions with NOT_STARTED, telling the subscriber, when the user stops the plugin', async () => {
    await echoPlugin('clock').start();
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    const ended = new Promise<string | undefined>((resolve) =>
      registry!.subscribe('demo/clock', 'tick', () => undefined, (err) => resolve(err?.code)),
    );
    await registry.stop('demo/clock');
    expect(await ended).toBe('NOT_STARTED');
  });
});

describe('callbacks when the plugin goes', () => {
  it('ends a subscription with PLUGIN_GONE when the plugin stops by itself', async () => {
    const plugin = echoPlugin('clock');
    await plugin.start();
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    const ended = new Promise<string | undefined>((resolve) =>
      registry!.subscribe('demo/clock', 'tick', () => undefined, (err) => resolve(err?.code)),
    );
    await waitUntil(() => plugin.pendingPolls('tick') === 1, 'the long-poll to wait', 5000);
    await plugin.stop();
    expect(await ended).toBe('PLUGIN_GONE');
  });

  it('keeps a subscription alive when its listener throws, and says so', async () => {
    const plugin = echoPlugin('clock');
    await plugin.start();
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    const warning = waitForEvent(registry, (e) => e.type === 'warning');
    const seen: string[] = [];
    registry.subscribe('demo/clock', 'tick', (body) => {
      seen.push(body.toString());
      if (seen.length === 1) throw new Error('listener bug');
    });
    plugin.notify('tick', 'one');
    plugin.notify('tick', 'two');
    expect(await warning).toMatchObject({ type: 'warning', message: expect.stringContaining('listener bug') });
    await waitUntil(() => seen.length === 2, 'the second notification', 5000);
  });
});

describe('autoDiscover off', () => {
  it('has no watcher and reads a .pconf on demand when the plugin is started by id', async () => {
    registry = await openRegistry({ folders: [dir.path], autoDiscover: false });
    await echoPlugin('echo').start();
    await new Promise((r) => setTimeout(r, 300));
    expect(registry.list()).toEqual([]);
    const started = await registry.start('demo/echo');
    expect(started.state).toBe('started');
    expect(started.methods).toContain('Echo');
    await expect(registry.start('demo/missing')).rejects.toMatchObject({ code: 'NOT_DISCOVERED' });
  });
});

describe('files that change under the registry', () => {
  it('fails a call in flight with PLUGIN_GONE as soon as the .pconf is deleted', async () => {
    const plugin = echoPlugin('echo');
    const { pconfPath } = await plugin.start();
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    const call = registry.execute('demo/echo', 'Hang', '', { timeoutMs: 60_000 });
    const settled = call.then(
      () => 'resolved',
      (err: { code: string }) => err.code,
    );
    await new Promise((r) => setTimeout(r, 100));
    await unlink(pconfPath);
    expect(await settled).toBe('PLUGIN_GONE');
    await waitForState(registry, 'demo/echo', 'stopped');
    // The process serving it (this test's own) still runs: a removed file is all that happened.
    expect(registry.get('demo/echo')!.history.at(-1)!.reason).toBe(
      `.pconf removed while its process (pid ${process.pid}) still runs`,
    );
  });

  it('reports problem files with their reason while good plugins beside them work', async () => {
    await echoPlugin('echo').start();
    await writeFile(join(dir.path, 'broken.pconf'), '{"Name": "x",, }');
    await writeFile(join(dir.path, 'noname.pconf'), '{"Sock": "/tmp/x.sock"}');
    registry = await openRegistry({ folders: [dir.path], settleMs: 50 });
    await registry.whenIdle();
    expect(registry.get('demo/echo')?.state).toBe('started');
    const problems = registry.problems();
    expect(problems.map((p) => [p.fileName, p.kind])).toEqual([
      ['broken.pconf', 'invalid'],
      ['noname.pconf', 'invalid'],
    ]);
    expect(problems[0]!.line).toBe(1);
    expect(problems[1]!.reason).toMatch(/Name/);
    // Fixing the file clears the problem.
    await writeFile(join(dir.path, 'noname.pconf'), '{"Name":"fixed","Sock":"/tmp/x.sock","LazyLoad":true}');
    await waitUntil(() => registry!.problems().length === 1, 'the fixed file to leave the problems', 5000);
    expect(registry.get('fixed')?.state).toBe('discovered');
  });

  it('re-reads a half-written .pconf when it settles instead of reporting it broken', async () => {
    registry = await openRegistry({ folders: [dir.path], settleMs: 400 });
    const path = join(dir.path, 'slow.pconf');
    await writeFile(path, '{"Name":"slow","Sock":"/tmp/gp-none.sock"');
    await new Promise((r) => setTimeout(r, 100));
    await writeFile(path, '{"Name":"slow","Sock":"/tmp/gp-none.sock","LazyLoad":true}');
    await waitForState(registry, 'slow', 'discovered');
    await new Promise((r) => setTimeout(r, 500));
    expect(registry.problems()).toEqual([]);
  });

  it('reports one broken write once, however often the file is re-read', async () => {
    registry = await openRegistry({ folders: [dir.path], settleMs: 50 });
    const events = record(registry);
    await writeFile(join(dir.path, 'bad.pconf'), '{"Name": 1, "Sock": "/tmp/x.sock"}');
    await waitUntil(() => registry!.problems().length === 1, 'the problem', 5000);
    await new Promise((r) => setTimeout(r, 400));
    await registry.rescan();
    expect(events.filter((e) => e.type === 'problem')).toHaveLength(1);
  });

  it('reports a file that stays truncated after the settle time', async () => {
    registry = await openRegistry({ folders: [dir.path], settleMs: 100 });
    const problem = waitForEvent(registry, (e) => e.type === 'problem');
    await writeFile(join(dir.path, 'cut.pconf'), '{"Name":"cut",');
    const event = await problem;
    expect(event).toMatchObject({ type: 'problem', problem: { fileName: 'cut.pconf', kind: 'invalid' } });
    expect(JSON.stringify(event)).toMatch(/end of JSON/i);
  });

  it('picks a deterministic winner when two files claim one id and reports the other', async () => {
    const conf = (lazy: boolean) => JSON.stringify({ Name: 'twin', NameSpace: 'dup', Sock: '/tmp/gp-x.sock', LazyLoad: lazy });
    await writeFile(join(dir.path, 'dup-b.pconf'), conf(true));
    await writeFile(join(dir.path, 'dup-a.pconf'), conf(true));
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    expect(registry.get('dup/twin')?.confPath).toBe(join(dir.path, 'dup-a.pconf'));
    expect(registry.problems()).toEqual([
      expect.objectContaining({ fileName: 'dup-b.pconf', kind: 'conflict', id: 'dup/twin', winner: join(dir.path, 'dup-a.pconf') }),
    ]);
    // The winner goes: the other file takes over, and the conflict is cleared.
    await rm(join(dir.path, 'dup-a.pconf'));
    await waitUntil(() => registry!.get('dup/twin')?.confPath === join(dir.path, 'dup-b.pconf'), 'dup-b to win', 5000);
    expect(registry.problems()).toEqual([]);
  });

  it('keeps the error of a plugin whose socket refuses and retries only when its .pconf changes', async () => {
    const sock = join(dir.path, 'gone.sock'); // nobody listens here
    const path = join(dir.path, 'gone.pconf');
    registry = await openRegistry({ folders: [dir.path] });
    const events = record(registry);
    await writeFile(join(dir.path, '.tmp'), JSON.stringify({ Name: 'gone', Sock: sock }));
    await rename(join(dir.path, '.tmp'), path);
    await waitForEvent(registry, (e) => e.type === 'error');
    await registry.whenIdle();
    const plugin = registry.get('gone')!;
    expect(plugin.state).toBe('discovered');
    expect(plugin.unreachable).toBe(true);
    expect(plugin.error?.code).toBe('CONNECT_FAILED');
    expect(plugin.error?.message).toContain(sock);
    await new Promise((r) => setTimeout(r, 500));
    expect(events.filter((e) => e.type === 'starting')).toHaveLength(1);
    const later = new Date(Date.now() + 2000);
    await utimes(path, later, later);
    await writeFile(path, JSON.stringify({ Name: 'gone', Sock: sock, LazyLoad: false }));
    await waitUntil(() => events.filter((e) => e.type === 'starting').length === 2, 'a second attempt', 5000);
  });
});

describe('resources', () => {
  /** A plugin that answers Activate and Stop and keeps running, so it can be started over and over. */
  async function durablePlugin(): Promise<Server> {
    const sock = join(dir.path, 'durable.sock');
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end(req.url === '/Activate' ? '["Work","","","",""]' : ''));
    });
    await new Promise<void>((r) => server.listen(sock, r));
    await writeFile(join(dir.path, 'durable.pconf'), JSON.stringify({ Name: 'durable', Sock: sock, LazyLoad: true }));
    return server;
  }

  const openFds = () => readdirSync('/proc/self/fd').length;

  it('leaves the open-fd count where it was after 1,000 starts and stops', async () => {
    const server = await durablePlugin();
    try {
      registry = await openRegistry({ folders: [dir.path] });
      await registry.whenIdle();
      await registry.start('durable');
      await registry.stop('durable');
      const before = openFds();
      for (let i = 0; i < 1000; i++) {
        await registry.start('durable');
        await registry.stop('durable');
      }
      await new Promise((r) => setTimeout(r, 100));
      expect(openFds()).toBeLessThanOrEqual(before);
      expect(registry.get('durable')?.state).toBe('stopped');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('close() releases every socket, watcher and timer', async () => {
    await echoPlugin('echo').start();
    const before = openFds();
    const reg = await openRegistry({ folders: [dir.path], healthCheckMs: 50 });
    await reg.whenIdle();
    const unsubscribe = reg.subscribe('demo/echo', 'tick', () => undefined);
    await reg.execute('demo/echo', 'Echo', 'x');
    await reg.close();
    unsubscribe();
    await new Promise((r) => setTimeout(r, 100));
    expect(openFds()).toBeLessThanOrEqual(before);
    expect(() => reg.list()).not.toThrow();
    await expect(reg.start('demo/echo')).rejects.toMatchObject({ code: 'NOT_STARTED' });
  });
});
