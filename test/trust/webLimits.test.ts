/**
 * Bounded memory in web mode (issue 13 §7): with the default caps, a request no console needs is
 * refused before its body is read (the review's 60 MiB request lifted the server from 165 MB to
 * 979 MB under the old 100 MiB cap), while the largest console request still goes through.
 * Real service, real server, raw sockets.
 */
import { connect } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDeadline } from '../../src/core/withDeadline.js';
import { MAX_CONSOLE_BODY_CHARS } from '../../src/shared/contract.js';
import { DEFAULT_MAX_BODY_BYTES, startWebServer, type WebServer } from '../../src/web/server.js';
import { openStudio, type Studio } from '../helpers/studio.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { sendRaw } from '../helpers/webRequest.js';

let studio: Studio;
let site: Awaited<ReturnType<typeof tempFolder>>;
let web: WebServer;

beforeEach(async () => {
  studio = await openStudio();
  site = await tempFolder('gp-lim-');
  await mkdir(join(site.path, 'renderer'));
  await writeFile(join(site.path, 'renderer', 'index.html'), '<!doctype html><title>GoPlug Studio</title>');
  web = await startWebServer(studio.service, { staticDir: join(site.path, 'renderer') });
});
afterEach(async () => {
  await web.close();
  await studio.close();
  await site.remove();
});

/** Sends only the head of a request that declares `length` bytes, and answers what comes back. */
function headOnly(length: number): Promise<string> {
  return withDeadline(
    new Promise<string>((resolve, reject) => {
      const socket = connect(web.port, '127.0.0.1');
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (text: string) => (answer += text));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      socket.write(
        `POST /api/execute HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nAuthorization: Bearer ${web.token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{"id":"x",`,
      );
    }),
    10_000,
    'the answer to a request whose body was never sent',
  );
}

describe('web request caps', () => {
  it('are a few MiB, and a larger declared body is refused before it is sent', async () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(4 * 1024 * 1024);
    // 60 MiB declared, 10 bytes sent: the 413 comes back, and the connection closes, at once.
    const answer = await headOnly(60 * 1024 * 1024);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"TOO_LARGE"');
  });

  it('still take the largest console request, and refuse a console body past its limit by name', async () => {
    const call = (body: string) =>
      sendRaw(web.port, '/api/execute', {
        method: 'POST',
        headers: { Authorization: `Bearer ${web.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: 'test/none', method: 'Echo', body, bodyEncoding: 'base64' }),
      });
    // 1 MiB of binary as base64 fits: the request reaches the service (which knows no such plugin).
    const largest = await call(Buffer.alloc(1024 * 1024, 7).toString('base64'));
    expect(JSON.parse(largest.text)).toMatchObject({ ok: false, error: { code: 'NOT_DISCOVERED' } });
    const over = await call('A'.repeat(MAX_CONSOLE_BODY_CHARS + 4));
    expect(over.status).toBe(200);
    expect(JSON.parse(over.text)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: expect.stringContaining('body') },
    });
  });
});
