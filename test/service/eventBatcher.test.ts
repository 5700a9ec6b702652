import { afterEach, describe, expect, it } from 'vitest';
import type { PluginSnapshot } from '../../src/core/types.js';
import { EventBatcher } from '../../src/service/eventBatcher.js';
import type { EventBatch, StudioEvent } from '../../src/shared/contract.js';
import { waitUntil } from '../helpers/waitUntil.js';

function plugin(id: string, state: PluginSnapshot['state'], methods: string[] = []): PluginSnapshot {
  return {
    id,
    namespace: '',
    name: id,
    state,
    lazyLoad: false,
    url: `unix://${id}`,
    sock: `/tmp/${id}.sock`,
    confPath: `/tmp/${id}.pconf`,
    methods,
    activationOutput: '',
    warnings: [],
    extras: {},
    error: null,
    unreachable: false,
    history: [],
  };
}

function notification(n: number): StudioEvent {
  return {
    type: 'notification',
    id: 'a',
    callback: 'tick',
    subscriptionId: 's1',
    body: { base64: '', size: n },
    at: n,
    backlog: false,
  };
}

let batcher: EventBatcher | undefined;
afterEach(() => batcher?.close());

describe('EventBatcher', () => {
  it('turns a burst into one batch, keeping each plugin’s newest snapshot and every notification', async () => {
    const batches: EventBatch[] = [];
    batcher = new EventBatcher({ intervalMs: 30, deliver: (b) => batches.push(b) });
    for (let i = 0; i < 100; i++) {
      batcher.push({ type: 'changed', plugin: plugin('a', 'started', [`m${i}`]) });
      batcher.push({ type: 'changed', plugin: plugin('b', 'discovered', [`m${i}`]) });
      batcher.push(notification(i));
    }
    batcher.push({ type: 'error', id: 'a', error: { code: 'TIMEOUT', message: 'slow', hint: 'h', at: 1 } });
    batcher.push({
      type: 'problem',
      problem: { path: '/x.pconf', fileName: 'x.pconf', kind: 'invalid', reason: 'bad' },
    });
    await waitUntil(() => batches.length > 0, 'a batch');

    expect(batches).toHaveLength(1);
    const batch = batches[0]!;
    const states = batch.filter((e) => e.type === 'changed');
    expect(states.map((e) => e.type === 'changed' && [e.plugin.id, e.plugin.methods])).toEqual([
      ['a', ['m99']],
      ['b', ['m99']],
    ]);
    const sizes = batch.flatMap((e) => (e.type === 'notification' ? [e.body.size] : []));
    expect(sizes).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(batch.some((e) => e.type === 'error')).toBe(true);
    expect(batch.some((e) => e.type === 'problem')).toBe(true);
    expect(batcher.stats()).toMatchObject({ batches: 1, coalesced: 198 });
  });

  it('keeps the newest state after whatever came before it for the same plugin', async () => {
    const batches: EventBatch[] = [];
    batcher = new EventBatcher({ intervalMs: 20, deliver: (b) => batches.push(b) });
    batcher.push({ type: 'starting', plugin: plugin('a', 'starting') });
    batcher.push({
      type: 'error',
      id: 'a',
      error: { code: 'CONNECT_FAILED', message: 'no', hint: 'h', at: 1 },
    });
    batcher.push({ type: 'changed', plugin: plugin('a', 'discovered') });
    await waitUntil(() => batches.length > 0, 'a batch');
    expect(batches[0]!.map((e) => e.type)).toEqual(['error', 'changed']);
  });

  it('keeps a transition named when a snapshot of the same state follows it, not when the state moved on', async () => {
    const batches: EventBatch[] = [];
    batcher = new EventBatcher({ intervalMs: 20, deliver: (b) => batches.push(b) });
    // The page logs `started` and clears the row's failure on it: a refresh just after must not hide it.
    batcher.push({ type: 'started', plugin: plugin('a', 'started') });
    batcher.push({ type: 'changed', plugin: plugin('a', 'started', ['Upper']) });
    batcher.push({ type: 'stopping', plugin: plugin('b', 'stopping') });
    batcher.push({ type: 'changed', plugin: plugin('b', 'discovered') });
    await waitUntil(() => batches.length > 0, 'a batch');
    expect(
      batches[0]!.map((e) =>
        e.type === 'started' || e.type === 'changed' ? [e.type, e.plugin.id, e.plugin.methods] : e.type,
      ),
    ).toEqual([
      ['started', 'a', ['Upper']],
      ['changed', 'b', []],
    ]);
  });

  it('never holds more than maxPending events: it flushes early and drops nothing', () => {
    const batches: EventBatch[] = [];
    batcher = new EventBatcher({ intervalMs: 60_000, maxPending: 10, deliver: (b) => batches.push(b) });
    for (let i = 0; i < 35; i++) batcher.push(notification(i));
    expect(batches.map((b) => b.length)).toEqual([10, 10, 10]);
    batcher.flush();
    expect(batches.flat()).toHaveLength(35);
    expect(batcher.stats()).toMatchObject({ earlyFlushes: 3, events: 35, coalesced: 0 });
  });

  it('stays small when one plugin changes far more often than the bound', () => {
    const batches: EventBatch[] = [];
    batcher = new EventBatcher({ intervalMs: 60_000, maxPending: 10, deliver: (b) => batches.push(b) });
    for (let i = 0; i < 10_000; i++)
      batcher.push({ type: 'changed', plugin: plugin('a', 'started', [`m${i}`]) });
    batcher.flush();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(1);
    expect(batches[0]![0]).toMatchObject({ plugin: { methods: ['m9999'] } });
  });
});
