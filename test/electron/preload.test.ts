import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fake, ipcMain, ipcRenderer, resetFakeElectron } from './fakeElectron.js';
import {
  channelNames,
  channels,
  IPC_EVENTS_CHANNEL,
  ipcChannel,
  type EventBatch,
  type StudioBridge,
} from '../../src/shared/contract.js';

vi.mock('electron', () => import('./fakeElectron.js'));

let bridge: StudioBridge;

beforeAll(async () => {
  resetFakeElectron();
  await import('../../src/preload/index.js');
  bridge = fake.exposed.get('goplug') as StudioBridge;
});

describe('the preload', () => {
  it('exposes window.goplug and nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['goplug']);
  });

  it('exposes exactly one function per channel plus onEvents: no ipcRenderer, no send, no on', () => {
    expect(Object.keys(bridge).sort()).toEqual([...channelNames, 'onEvents'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('invokes each channel on its own IPC name with the request as given', async () => {
    for (const name of channelNames) {
      const seen: unknown[] = [];
      ipcMain.handle(ipcChannel(name), (_event, request) => {
        seen.push(request);
        return { ok: true, value: name };
      });
      const request = { probe: name };
      const call = bridge[name] as (request: unknown) => Promise<unknown>;
      expect(await call(request)).toEqual({ ok: true, value: name });
      expect(seen).toEqual([request]);
      ipcMain.removeHandler(ipcChannel(name));
    }
  });

  it('hands onEvents listeners the batch alone, never the IPC event, until they unsubscribe', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onEvents((...args: unknown[]) => received.push(args));
    const batch: EventBatch = [{ type: 'notice', message: 'hello' }];
    const ipcEvent = { sender: ipcRenderer, senderId: 0, ports: [] };

    ipcRenderer.emit(IPC_EVENTS_CHANNEL, ipcEvent, batch);
    expect(received).toEqual([[batch]]);

    unsubscribe();
    ipcRenderer.emit(IPC_EVENTS_CHANNEL, ipcEvent, batch);
    expect(received).toHaveLength(1);
    expect(ipcRenderer.listenerCount(IPC_EVENTS_CHANNEL)).toBe(0);
  });

  it('refuses an onEvents listener that is not a function', () => {
    expect(() => bridge.onEvents('nope' as never)).toThrow(/needs a function/);
    expect(ipcRenderer.listenerCount(IPC_EVENTS_CHANNEL)).toBe(0);
  });
});

describe('the preload bundle', () => {
  /** Runtime imports of a source file and, recursively, of the files it imports relatively. */
  async function runtimeImports(file: URL, seen = new Set<string>()): Promise<Set<string>> {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(file, 'utf8');
    const bare = new Set<string>();
    for (const match of source.matchAll(/^import\s+(?!type\b)[^'"]*from\s+'([^']+)'/gm)) {
      const specifier = match[1]!;
      if (!specifier.startsWith('.')) {
        bare.add(specifier);
        continue;
      }
      const next = new URL(specifier.replace(/\.js$/, '.ts'), file);
      if (seen.has(next.href)) continue;
      seen.add(next.href);
      for (const inner of await runtimeImports(next, seen)) bare.add(inner);
    }
    return bare;
  }

  it('knows the same channels as the contract, from its zod-free list', () => {
    expect(channelNames).toEqual(Object.keys(channels));
  });

  it('needs nothing at run time but electron, which is all a sandboxed preload may require', async () => {
    const imports = await runtimeImports(new URL('../../src/preload/index.ts', import.meta.url));
    expect([...imports]).toEqual(['electron']);
  });
});
