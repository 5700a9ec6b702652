/**
 * Cancelling a console request in web mode, as the page does it: execute and cancelExecute through
 * the page's own web bridge (src/renderer/api/webTransport.ts, fetch over HTTP with the token) to
 * the real `goplug serve` server, the service and an SDK plugin on its Unix socket.
 *
 * The server, the service and the plugin are Node code, which the renderer's type-check (DOM only)
 * must not follow: imported at run time by path and used through the few members below.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bridgeToApi } from '../../src/renderer/api/unwrap.js';
import { createWebTransport } from '../../src/renderer/api/webTransport.js';
import type { StudioApi } from '../../src/shared/contract.js';

const STUDIO_HELPER = '../helpers/studio.js';
const WAIT_HELPER = '../helpers/waitUntil.js';
const WEB_SERVER = '../../src/web/server.js';
const FILES = 'node:fs/promises';

interface NodeStudio {
  service: unknown;
  pluginDir: string;
  dataDir: string;
  plugin(name: string): {
    method(
      name: string,
      handler: (body: Uint8Array, ctx: { signal: AbortSignal }) => unknown,
    ): {
      start(): Promise<unknown>;
    };
  };
  waitFor(id: string, state: string): Promise<void>;
  close(): Promise<void>;
}
interface NodeWebServer {
  port: number;
  token: string;
  close(): Promise<void>;
}

let studio: NodeStudio;
let web: NodeWebServer;
let api: StudioApi;
let closeEvents: (() => void) | undefined;
let waitUntil: (check: () => boolean, what: string, timeoutMs: number) => Promise<void>;
let begun = 0;
let hungUp = 0;

beforeEach(async () => {
  begun = hungUp = 0;
  const { openStudio } = (await import(/* @vite-ignore */ STUDIO_HELPER)) as {
    openStudio(): Promise<NodeStudio>;
  };
  ({ waitUntil } = (await import(/* @vite-ignore */ WAIT_HELPER)) as { waitUntil: typeof waitUntil });
  const { startWebServer } = (await import(/* @vite-ignore */ WEB_SERVER)) as {
    startWebServer(service: unknown, options: { staticDir: string }): Promise<NodeWebServer>;
  };
  const { writeFile } = (await import(/* @vite-ignore */ FILES)) as {
    writeFile(path: string, text: string): Promise<void>;
  };
  studio = await openStudio();
  // The server wants a built window to serve; this test uses its API only.
  await writeFile(`${studio.dataDir}/index.html`, '<!doctype html><title>GoPlug Studio</title>');
  web = await startWebServer(studio.service, { staticDir: studio.dataDir });
  const transport = createWebTransport(web.token, `http://127.0.0.1:${web.port}`);
  closeEvents = transport.bridge.onEvents(() => {});
  api = bridgeToApi(transport.bridge);
  await studio
    .plugin('slow')
    .method('Slow', (_body, ctx) => {
      begun += 1;
      return new Promise((resolve) =>
        ctx.signal.addEventListener('abort', () => resolve(`hung up ${++hungUp}`)),
      );
    })
    .start();
  await studio.waitFor('test/slow', 'started');
});

afterEach(async () => {
  closeEvents?.();
  await web?.close();
  await studio?.close();
});

describe('web mode: cancelExecute', () => {
  it('cancels a request in flight over HTTP: execute answers CANCELLED and the plugin sees its caller hang up', async () => {
    const running = api.execute({
      id: 'test/slow',
      method: 'Slow',
      body: '',
      requestId: 'web-1',
      timeoutMs: 600_000,
    });
    await waitUntil(() => begun === 1, 'the plugin to begin Slow', 10_000);
    await expect(api.cancelExecute({ requestId: 'web-1' })).resolves.toEqual({ cancelled: true });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await waitUntil(() => hungUp === 1, 'the plugin to see the connection close', 10_000);
    await expect(api.cancelExecute({ requestId: 'web-1' })).resolves.toEqual({ cancelled: false });
    const [entry] = await api.getHistory({ id: 'test/slow' });
    expect(entry).toMatchObject({ method: 'Slow', cancelled: true, errorCode: 'CANCELLED' });
  });

  it('refuses a cancel request without a request id, naming the field', async () => {
    await expect(api.cancelExecute({} as { requestId: string })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(/^Invalid cancelExecute request: requestId: /),
    });
  });
});
