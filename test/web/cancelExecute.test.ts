/**
 * Cancelling a console request over the web mode's transport, as the page does it: execute and
 * cancelExecute through the page's own web bridge (src/renderer/api/webTransport.ts) to the real
 * `goplug serve` server, service and SDK plugin.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bridgeToApi } from '../../src/renderer/api/unwrap.js';
import { createWebTransport } from '../../src/renderer/api/webTransport.js';
import type { StudioApi } from '../../src/shared/contract.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';
import { openStudio, type Studio } from '../helpers/studio.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

let studio: Studio;
let site: Awaited<ReturnType<typeof tempFolder>>;
let web: WebServer;
let api: StudioApi;
let closeEvents: (() => void) | undefined;
const hungUp: string[] = [];
let begun = 0;

beforeEach(async () => {
  begun = 0;
  hungUp.length = 0;
  studio = await openStudio();
  site = await tempFolder('gp-w-');
  // The server wants a built window to serve; these tests use its API only.
  await writeFile(join(site.path, 'index.html'), '<!doctype html><title>GoPlug Studio</title>');
  web = await startWebServer(studio.service, { staticDir: site.path, maxBodyBytes: 4 * 1024 * 1024 });
  const transport = createWebTransport(web.token, `http://127.0.0.1:${web.port}`);
  closeEvents = transport.bridge.onEvents(() => {});
  api = bridgeToApi(transport.bridge);
  await studio
    .plugin('slow')
    .method('Slow', (_body, ctx) => {
      begun += 1;
      return new Promise<string>((resolve) =>
        ctx.signal.addEventListener('abort', () => resolve(`${hungUp.push('hung up')}`)),
      );
    })
    .start();
  await studio.waitFor('test/slow', 'started');
});

afterEach(async () => {
  closeEvents?.();
  await web.close();
  await studio.close();
  await site.remove();
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
    const result = await running;
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await waitUntil(() => hungUp.length === 1, 'the plugin to see the connection close', 10_000);
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
