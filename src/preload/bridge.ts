/**
 * The Studio API as the renderer sees it in Electron: one function per channel, each an
 * `ipcRenderer.invoke` on that channel's name, and an event subscription. The renderer gets
 * these functions only, never ipcRenderer itself nor an IPC event object.
 */
import type { IpcRendererEvent } from 'electron';
import { channelNames, ipcChannel, IPC_EVENTS_CHANNEL } from '../shared/channels.js';
import type { EventBatch, StudioBridge } from '../shared/contract.js';

/** The part of ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, request: unknown): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, batch: EventBatch) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, batch: EventBatch) => void): unknown;
}

export function createBridge(ipc: RendererIpc): StudioBridge {
  const calls = Object.fromEntries(
    channelNames.map((name) => [name, (request: unknown) => ipc.invoke(ipcChannel(name), request)]),
  );
  return {
    ...calls,
    onEvents(listener: (batch: EventBatch) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('goplug.onEvents needs a function');
      const deliver = (_event: IpcRendererEvent, batch: EventBatch) => listener(batch);
      ipc.on(IPC_EVENTS_CHANNEL, deliver);
      return () => {
        ipc.removeListener(IPC_EVENTS_CHANNEL, deliver);
      };
    },
  } as StudioBridge; // the entries above are exactly the channel names, which the type cannot see
}
