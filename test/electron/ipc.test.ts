/**
 * The IPC layer with the real Studio service on temp folders: requests go through the preload
 * bridge, the (fake) IPC, the sender check and the service's own validation.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeWebContents, ipcMain, ipcRenderer, resetFakeElectron } from './fakeElectron.js';
import { forwardEvents, registerIpcHandlers } from '../../src/main/ipc.js';
import { rendererLocation } from '../../src/main/policy.js';
import { createBridge } from '../../src/preload/bridge.js';
import { StudioService } from '../../src/service/studioService.js';
import {
  channelNames,
  IPC_EVENTS_CHANNEL,
  ipcChannel,
  type EventBatch,
  type StudioBridge,
} from '../../src/shared/contract.js';
import { tempFolder } from '../helpers/tempFolder.js';

vi.mock('electron', () => import('./fakeElectron.js'));

const renderer = rendererLocation({}, false);
const ourFrame = { url: `${renderer.url}#/plugins`, parent: null };

let folder: Awaited<ReturnType<typeof tempFolder>>;
let service: StudioService;
let bridge: StudioBridge;
let logged: string[];

beforeEach(async () => {
  resetFakeElectron();
  folder = await tempFolder('gp-ipc-');
  service = await StudioService.create({
    dataDir: join(folder.path, 'data'),
    defaultFolder: join(folder.path, 'plugins'),
    platform: { kind: 'electron', canPickFolder: false, canReveal: false },
    healthCheckMs: 0,
  });
  logged = [];
  registerIpcHandlers(service, renderer, (message) => logged.push(message));
  bridge = createBridge(ipcRenderer);
  fake.senderFrame = ourFrame;
});

afterEach(async () => {
  await service.close();
  await folder.remove();
});

describe('IPC handlers', () => {
  it('exist for every channel of the contract, and only for those', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(channelNames.map(ipcChannel).sort());
  });

  it('answer the Studio page with the service', async () => {
    const answer = await bridge.getSnapshot({});
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.value.platform.kind).toBe('electron');
    expect(answer.value.settings.folders).toEqual([join(folder.path, 'plugins')]);
  });

  it('refuse invalid requests with INVALID_REQUEST naming the field', async () => {
    const emptyId = await bridge.startPlugin({ id: '' });
    expect(emptyId).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(!emptyId.ok && emptyId.error.message).toMatch(/\bid\b/);

    const extraKey = await bridge.getSettings({ sneaky: true } as never);
    expect(extraKey).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });

    const wrongType = await bridge.updateSettings({ requestTimeoutMs: 'soon' } as never);
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(!wrongType.ok && wrongType.error.message).toMatch(/requestTimeoutMs/);
  });

  describe('refuse any sender but the top frame of the Studio page, without calling the service', () => {
    const foreign = [
      { what: 'another page', frame: { url: 'https://evil.example/', parent: null } },
      { what: 'an iframe on our page', frame: { url: renderer.url, parent: ourFrame } },
      { what: 'a local file', frame: { url: 'file:///tmp/evil.html', parent: null } },
      { what: 'another host of our scheme', frame: { url: 'goplug-studio://evil/index.html', parent: null } },
      { what: 'a frame that is gone', frame: null },
    ];
    for (const { what, frame } of foreign) {
      it(what, async () => {
        fake.senderFrame = frame;
        const answer = await bridge.updateSettings({ theme: 'dark' });
        expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
        expect(logged.join('\n')).toMatch(/goplug:updateSettings refused/);

        fake.senderFrame = ourFrame;
        const settings = await bridge.getSettings({});
        expect(settings.ok && settings.value.theme).toBe('system');
      });
    }
  });
});

describe('event batches', () => {
  async function sentBatches(contents: FakeWebContents, ms: number): Promise<EventBatch[]> {
    const until = Date.now() + ms;
    while (Date.now() < until && contents.sent.length === 0) await new Promise((r) => setTimeout(r, 10));
    return contents.sent.filter((s) => s.channel === IPC_EVENTS_CHANNEL).map((s) => s.args[0] as EventBatch);
  }

  it('reach the window showing our page, as the batch alone', async () => {
    const contents = new FakeWebContents();
    contents.url = renderer.url;
    forwardEvents(service, () => contents, renderer);
    await bridge.updateSettings({ theme: 'dark' });
    const batches = await sentBatches(contents, 5_000);
    expect(contents.sent.every((s) => s.args.length === 1)).toBe(true);
    expect(batches.flat()).toContainEqual(expect.objectContaining({ type: 'settings' }));
  });

  it('never reach a window that left our page, nor a destroyed one', async () => {
    const elsewhere = new FakeWebContents();
    elsewhere.url = 'https://evil.example/';
    const destroyed = new FakeWebContents();
    destroyed.url = renderer.url;
    destroyed.destroyed = true;
    const witness = new FakeWebContents();
    witness.url = renderer.url;
    forwardEvents(service, () => elsewhere, renderer);
    forwardEvents(service, () => destroyed, renderer);
    forwardEvents(service, () => witness, renderer);
    await bridge.updateSettings({ theme: 'dark' });
    expect(await sentBatches(witness, 5_000)).not.toHaveLength(0);
    expect(elsewhere.sent).toEqual([]);
    expect(destroyed.sent).toEqual([]);
  });
});
