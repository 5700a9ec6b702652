/**
 * The Studio API over IPC: one handler per channel, each refusing any sender but the top frame
 * of our own page before handing the raw request to the service (which validates it), and the
 * service's event batches forwarded to the window.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  channelNames,
  ipcChannel,
  IPC_EVENTS_CHANNEL,
  type ApiError,
  type ChannelName,
  type Envelope,
  type EventBatch,
} from '../shared/contract.js';
import { isRendererUrl, isTrustedSender, type RendererLocation, type SenderFacts } from './policy.js';

/** What the IPC layer needs of the Studio service. */
export interface ApiService {
  invoke(channel: string, rawRequest: unknown): Promise<Envelope<unknown>>;
  onEvents(listener: (batch: EventBatch) => void): () => void;
}

export type Log = (message: string) => void;

function senderFacts(event: IpcMainInvokeEvent): SenderFacts | null {
  const frame = event.senderFrame;
  return frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
}

type Failure = { ok: false; error: ApiError };

function refusal(channel: ChannelName, sender: SenderFacts | null): Failure {
  const from = sender ? `${sender.isMainFrame ? 'frame' : 'subframe'} ${sender.url}` : 'a frame that is gone';
  return {
    ok: false,
    error: {
      code: 'FORBIDDEN_SENDER',
      message: `${ipcChannel(channel)} refused: the request came from ${from}, not from the Studio page`,
      hint: 'Only the Studio window itself may call the Studio API.',
    },
  };
}

/** Registers one handler per channel of the contract (and none for anything else). */
export function registerIpcHandlers(service: ApiService, renderer: RendererLocation, log: Log): void {
  for (const channel of channelNames) {
    ipcMain.handle(ipcChannel(channel), (event, request: unknown) => {
      const sender = senderFacts(event);
      if (!isTrustedSender(sender, renderer)) {
        const answer = refusal(channel, sender);
        log(`GoPlug Studio: ${answer.error.message}`);
        return answer;
      }
      return service.invoke(channel, request); // validates the request; never throws
    });
  }
}

/**
 * Sends each event batch to the current window, and only while it shows our page: a window
 * that somehow left it must not keep receiving the registry's traffic.
 */
export function forwardEvents(
  service: ApiService,
  target: () => Pick<WebContents, 'isDestroyed' | 'getURL' | 'send'> | undefined,
  renderer: RendererLocation,
): () => void {
  return service.onEvents((batch) => {
    const contents = target();
    if (contents && !contents.isDestroyed() && isRendererUrl(contents.getURL(), renderer)) {
      contents.send(IPC_EVENTS_CHANNEL, batch);
    }
  });
}
