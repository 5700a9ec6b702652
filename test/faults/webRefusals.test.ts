/**
 * Web mode against other local programs and web pages: the refusals test/web/server.test.ts
 * does not already prove. Every API channel wants the token (and does nothing without it), the
 * event stream checks Origin and Host as well as the token, a token of the right length in
 * characters but not in bytes is refused (not a 500 from the constant-time compare), and only
 * loopback peers are served. With the default caps (issue 13 §7), a request no console needs is
 * refused before its body is read (the review's 60 MiB request lifted the server from 165 MB to
 * 979 MB under the old 100 MiB cap), while the largest console request still goes through.
 */
import { request as httpRequest, createServer } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames } from '../../src/shared/channels.js';
import { MAX_CONSOLE_BODY_CHARS } from '../../src/shared/contract.js';
import { RequestGuard } from '../../src/web/guard.js';
import { DEFAULT_MAX_BODY_BYTES, startWebServer, type WebServer } from '../../src/web/server.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { openStudio, type Studio } from '../helpers/studio.js';
import { sendRaw, type RawRequest, type Reply } from '../helpers/webRequest.js';
import { tempFolder } from '../helpers/tempFolder.js';

let studio: Studio;
let site: Awaited<ReturnType<typeof tempFolder>>;
let web: WebServer;

beforeEach(async () => {
  studio = await openStudio();
  site = await tempFolder('gp-w-');
  await mkdir(join(site.path, 'renderer'));
  await writeFile(join(site.path, 'renderer', 'index.html'), '<!doctype html><title>GoPlug Studio</title>');
  web = await startWebServer(studio.service, { staticDir: join(site.path, 'renderer') });
});
afterEach(async () => {
  await web.close();
  await studio.close();
  await site.remove();
});

const send = (path: string, options?: RawRequest): Promise<Reply> => sendRaw(web.port, path, options);

/** An IPv4 address of this machine that is not loopback, when it has one. */
const externalAddress = (): string | undefined =>
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;

const codeOf = (reply: Reply): unknown =>
  (JSON.parse(reply.text) as { error?: { code?: string } }).error?.code;

describe('web mode refusals', () => {
  it('every API channel answers 401 without the token or with a wrong one, and does nothing', async () => {
    const plugin = studio.plugin('echo');
    await plugin.start();
    await studio.waitFor('test/echo', 'started');
    const settingsBefore = await send('/api/getSettings', {
      method: 'POST',
      headers: { Authorization: `Bearer ${web.token}` },
    });
    const wrong = web.token.slice(0, -1) + (web.token.endsWith('A') ? 'B' : 'A');
    // Bodies that would be valid requests, so a refusal is the token's doing.
    const bodies: Record<string, unknown> = {
      stopAll: {},
      stopPlugin: { id: 'test/echo' },
      updateSettings: { theme: 'dark' },
      clearHistory: { id: 'test/echo' },
    };
    for (const channel of channelNames) {
      for (const headers of [{}, { Authorization: `Bearer ${wrong}` }] as Array<Record<string, string>>) {
        const reply = await send(`/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify(bodies[channel] ?? {}),
        });
        expect(reply.status, `${channel} with ${JSON.stringify(headers)}`).toBe(401);
        expect(codeOf(reply)).toBe('UNAUTHORIZED');
      }
    }
    const settingsAfter = await send('/api/getSettings', {
      method: 'POST',
      headers: { Authorization: `Bearer ${web.token}` },
    });
    expect(settingsAfter.text).toBe(settingsBefore.text);
    await studio.waitFor('test/echo', 'started');
  });

  it('a token as long as the real one in characters but not in bytes is refused, not a server error', async () => {
    // timingSafeEqual throws on buffers of different lengths: the guard must compare bytes, not characters.
    const sameChars = 'é' + web.token.slice(1);
    const api = await send('/api/getSnapshot', {
      method: 'POST',
      headers: { Authorization: `Bearer ${sameChars}` },
      body: '{}',
    });
    expect(api.status).toBe(401);
    const events = await send('/api/events', { headers: { Authorization: `Bearer ${sameChars}` } });
    expect(events.status).toBe(401);
    expect(await send('/api/events', { headers: { Authorization: `Bearer ${web.token}` } })).toMatchObject({
      status: 200,
    });
  });

  it('the event stream refuses a foreign Origin and a foreign Host even with the right token', async () => {
    const bearer = { Authorization: `Bearer ${web.token}` };
    const origin = await send('/api/events', { headers: { ...bearer, Origin: 'http://evil.example' } });
    expect(origin.status).toBe(403);
    expect(codeOf(origin)).toBe('FORBIDDEN_ORIGIN');
    const host = await send('/api/events', { headers: { ...bearer, Host: `evil.example:${web.port}` } });
    expect(host.status).toBe(403);
    expect(codeOf(host)).toBe('FORBIDDEN_HOST');
    // The token is taken from the header only: in the URL it would end up in logs and the history.
    const queryOnly = await send(`/api/events?token=${web.token}`);
    expect(queryOnly.status).toBe(401);
  });

  it('listens on loopback only: another address of this machine is refused at connect', async () => {
    const external = externalAddress();
    if (external === undefined) {
      // No other interface to try from: what can be shown is where the server listens.
      expect(new URL(web.url).hostname).toBe('127.0.0.1');
      return;
    }
    await expect(send('/', { host: external })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('the loopback check refuses a real non-loopback peer and accepts a loopback one', async () => {
    // A server of our own on every address, so a peer can really come from a non-loopback address.
    const seen: Array<{ address: string | undefined; loopback: boolean }> = [];
    const server = createServer((req, res) => {
      seen.push({ address: req.socket.remoteAddress, loopback: RequestGuard.fromLoopback(req) });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const port = (server.address() as { port: number }).port;
    const hit = (host: string) =>
      withDeadline(
        new Promise<void>((resolve, reject) =>
          httpRequest({ host, port, path: '/' }, (res) => res.resume().on('end', resolve))
            .on('error', reject)
            .end(),
        ),
        5000,
        `a request to ${host}`,
      );
    try {
      await hit('127.0.0.1');
      const external = externalAddress();
      if (external !== undefined) await hit(external);
      expect(seen[0]).toEqual({ address: '127.0.0.1', loopback: true });
      if (external !== undefined) expect(seen[1]).toEqual({ address: external, loopback: false });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
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
      send('/api/execute', {
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
