/**
 * The registry asks each plugin it activates to describe itself and puts the answer on the
 * snapshot: an SDK plugin's descriptions and callbacks, a Go plugin's names alone (it answers the
 * describe path 400), a warning for an answer that cannot be used; a LazyLoad plugin not started,
 * and a stopped one, have none.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRegistry, type PluginRegistry } from '../../../src/core/registry/index.js';
import type { RegistryEvent } from '../../../src/core/types.js';
import { createPlugin, type GoPlugPlugin } from '../../../src/sdk/index.js';
import { startGoPluginDouble, type GoPluginDouble } from '../../helpers/goPluginDouble.js';
import { waitForEvent, waitForState } from '../../helpers/registryWait.js';
import { tempFolder } from '../../helpers/tempFolder.js';
import { waitUntil } from '../../helpers/waitUntil.js';

let dir: Awaited<ReturnType<typeof tempFolder>>;
let registry: PluginRegistry | undefined;
const plugins: GoPlugPlugin[] = [];
const doubles: GoPluginDouble[] = [];

beforeEach(async () => {
  dir = await tempFolder('gp-descr-');
});

afterEach(async () => {
  await registry?.close();
  registry = undefined;
  await Promise.all(plugins.splice(0).map((p) => p.stop()));
  await Promise.all(doubles.splice(0).map((d) => d.close()));
  await dir.remove();
});

function kv(lazyLoad = false): GoPlugPlugin {
  const plugin = createPlugin({ folder: dir.path, namespace: 'demo', name: 'kv', lazyLoad })
    .method('Set', () => 1, { description: 'Stores a value.', example: { key: 'k', value: 'v' } })
    .method('List', () => [])
    .callback('changed', { description: 'After each Set.', example: 'k' });
  plugins.push(plugin);
  return plugin;
}

async function described(id: string) {
  await waitUntil(() => registry?.get(id)?.description !== undefined, `${id} to be described`, 10_000);
  return registry!.get(id)!.description!;
}

describe('the description on the snapshot', () => {
  it("an SDK plugin's methods (in Activate's order) and callbacks, with descriptions and examples", async () => {
    await kv().start();
    registry = await openRegistry({ folders: [dir.path] });
    expect(await described('demo/kv')).toEqual({
      source: 'plugin',
      methods: [
        {
          name: 'Set',
          description: 'Stores a value.',
          example: { body: '{\n  "key": "k",\n  "value": "v"\n}', contentType: 'application/json' },
        },
        { name: 'List' },
      ],
      callbacks: [
        {
          name: 'changed',
          description: 'After each Set.',
          example: { body: 'k', contentType: 'text/plain' },
        },
      ],
    });
  });

  it('a LazyLoad plugin has none until it is started; a stopped plugin keeps its last one, as it keeps its methods', async () => {
    await kv(true).start();
    registry = await openRegistry({ folders: [dir.path] });
    await registry.whenIdle();
    expect(registry.get('demo/kv')).toMatchObject({ state: 'discovered', methods: [] });
    expect(registry.get('demo/kv')?.description).toBeUndefined();
    await registry.start('demo/kv');
    expect((await described('demo/kv')).methods.map((m) => m.name)).toEqual(['Set', 'List']);
    await registry.stop('demo/kv');
    // Issue 14 §1: a stopped plugin stays listed with its last methods, and so with what it said of them.
    expect(registry.get('demo/kv')?.state).toBe('stopped');
    expect(registry.get('demo/kv')?.description?.methods.map((m) => m.name)).toEqual(['Set', 'List']);
  });

  it('a Go plugin (it answers the describe path 400) is listed by its Activate names, without a warning', async () => {
    const double = await startGoPluginDouble({ dir: dir.path, writePconf: true });
    doubles.push(double);
    registry = await openRegistry({ folders: [dir.path] });
    const events: RegistryEvent[] = [];
    registry.on('event', (e) => events.push(e));
    expect(await described('Test/Do')).toEqual({
      source: 'none',
      methods: [{ name: 'main.Do' }],
      callbacks: [],
    });
    expect(double.requests.map((r) => r.target)).toContain('/.well-known/goplug/describe');
    expect(events.filter((e) => e.type === 'warning')).toEqual([]);
  });

  it('an answer that describes a method Activate does not list keeps the rest, and warns naming it', async () => {
    // The double serves the describe path's first segment as a method of its own.
    const answer = {
      version: 1,
      methods: [{ name: 'main.Do', description: 'Does.' }, { name: 'main.Gone' }],
    };
    doubles.push(
      await startGoPluginDouble({
        dir: dir.path,
        writePconf: true,
        methods: { 'main.Do': '', '.well-known': JSON.stringify(answer) },
      }),
    );
    registry = await openRegistry({ folders: [dir.path] });
    const description = await described('Test/Do');
    expect(description).toMatchObject({
      source: 'plugin',
      methods: [{ name: 'main.Do', description: 'Does.' }, { name: '.well-known' }],
    });
    expect(description.warning).toBe(
      'Test/Do: it describes a method that Activate does not list ("main.Gone")',
    );
  });

  it('an answer that cannot be used becomes a warning naming the plugin and why; the method names stay', async () => {
    const double = await startGoPluginDouble({
      dir: dir.path,
      writePconf: true,
      methods: { 'main.Do': '', '.well-known': '{"version":2}' },
    });
    doubles.push(double);
    registry = await openRegistry({ folders: [dir.path] });
    const warning = waitForEvent(registry, (e) => e.type === 'warning' && e.id === 'Test/Do');
    const description = await described('Test/Do');
    expect(description).toMatchObject({
      source: 'invalid',
      methods: [{ name: 'main.Do' }, { name: '.well-known' }],
    });
    expect(description.warning).toMatch(
      /^Test\/Do: its describe answer is not usable: version: .*; its methods are listed by name only$/,
    );
    expect(await warning).toMatchObject({ message: description.warning });
    await waitForState(registry, 'Test/Do', 'started');
  });
});
