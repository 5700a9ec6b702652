import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/contentSecurityPolicy.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';
import type { EventBatch, StudioEvent } from '../../src/shared/contract.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { openStudio, type Studio } from '../helpers/studio.js';
import { sendRaw, type RawRequest, type Reply } from '../helpers/webRequest.js';
import { tempFolder } from '../helpers/tempFolder.js';

let studio: Studio;
let site: Awaited<ReturnType<typeof tempFolder>>;
let web: WebServer;

const SECRET = '{"name":"secret-package-json"}';
const INDEX =
  '<!doctype html><title>GoPlug Studio</title><script type="module" src="/assets/app.js"></script>';

beforeEach(async () => {
  studio = await openStudio();
  site = await tempFolder('gp-w-');
  // The renderer build, with a file beside it that must never be served.
  await mkdir(join(site.path, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(site.path, 'renderer', 'index.html'), INDEX);
  await writeFile(join(site.path, 'renderer', 'assets', 'app.js'), 'console.log("studio")');
  await writeFile(join(site.path, 'package.json'), SECRET);
  web = await startWebServer(studio.service, {
    staticDir: join(site.path, 'renderer'),
    maxBodyBytes: 64 * 1024,
  });
});

afterEach(async () => {
  await web.close();
  await studio.close();
  await site.remove();
});

const send = (path: string, options?: RawRequest): Promise<Reply> => sendRaw(web.port, path, options);

function api(channel: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send(`/api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${web.token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function pluginStarted(): Promise<void> {
  await studio.plugin('echo').start();
  await studio.waitFor('test/echo', 'started');
}

describe('web server: API access', () => {
  it('prints a loopback URL carrying a 32-byte base64url token', () => {
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/?token=${web.token}`);
    expect(web.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers 401 without a token or with a wrong one, and gives away no plugin data', async () => {
    await pluginStarted();
    const wrongSameLength = web.token.slice(0, -1) + (web.token.endsWith('A') ? 'B' : 'A');
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: `Bearer ${wrongSameLength}` },
      { Authorization: 'Bearer short' },
      { Authorization: web.token },
    ]) {
      const reply = await send('/api/getSnapshot', { method: 'POST', headers, body: '{}' });
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.text)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      expect(reply.text).not.toContain('test/echo');
    }
  });

  it('answers the envelope with the right token', async () => {
    await pluginStarted();
    const reply = await api('getSnapshot', {});
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    const envelope = JSON.parse(reply.text);
    expect(envelope.ok).toBe(true);
    expect(envelope.value.plugins.map((p: { id: string }) => p.id)).toEqual(['test/echo']);
    const executed = JSON.parse((await api('execute', { id: 'test/echo', method: 'Echo', body: 'hi' })).text);
    expect(executed).toMatchObject({
      ok: true,
      value: { ok: true, status: 200, body: { base64: 'aGk=', size: 2 } },
    });
    // Errors travel in the envelope with 200; an empty body is an empty request.
    expect(JSON.parse((await api('startPlugin', { id: 'nobody' })).text)).toMatchObject({
      ok: false,
      error: { code: 'NOT_DISCOVERED' },
    });
    const empty = await send('/api/getSettings', {
      method: 'POST',
      headers: { Authorization: `Bearer ${web.token}` },
    });
    expect(JSON.parse(empty.text)).toMatchObject({ ok: true, value: { confExtension: '.pconf' } });
  });

  it('refuses a foreign Origin and accepts its own (127.0.0.1 or localhost)', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${web.port + 1}`,
      'null',
      `https://127.0.0.1:${web.port}`,
    ]) {
      const reply = await api('getSnapshot', {}, { Origin: origin });
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.text)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    }
    for (const origin of [`http://127.0.0.1:${web.port}`, `http://localhost:${web.port}`]) {
      expect((await api('getSnapshot', {}, { Origin: origin })).status).toBe(200);
    }
  });

  it('refuses a Host header that is not this server (DNS rebinding)', async () => {
    for (const host of [`evil.example:${web.port}`, '127.0.0.1', `127.0.0.1:${web.port + 1}`]) {
      const reply = await api('getSnapshot', {}, { Host: host });
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.text)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_HOST' } });
    }
    expect((await api('getSnapshot', {}, { Host: `localhost:${web.port}` })).status).toBe(200);
  });

  it('answers 400 for a body that is not JSON, 413 for one over the limit, 405 for GET', async () => {
    const notJson = await send('/api/getSnapshot', {
      method: 'POST',
      headers: { Authorization: `Bearer ${web.token}` },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.text)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const big = await api('execute', { id: 'x', method: 'Echo', body: 'x'.repeat(100 * 1024) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.text)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    // Without a Content-Length the limit holds while reading.
    const chunked = await send('/api/execute', {
      method: 'POST',
      headers: { Authorization: `Bearer ${web.token}`, 'Transfer-Encoding': 'chunked' },
      body: JSON.stringify({ id: 'x', method: 'Echo', body: 'x'.repeat(100 * 1024) }),
    });
    expect(chunked.status).toBe(413);
    const get = await send('/api/getSnapshot', { headers: { Authorization: `Bearer ${web.token}` } });
    expect(get.status).toBe(405);
    const unknown = JSON.parse((await api('dropEverything', {})).text);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});

describe('web server: events', () => {
  it('refuses the event stream without the token in its Authorization header', async () => {
    expect((await send('/api/events')).status).toBe(401);
    expect((await send('/api/events', { headers: { Authorization: `Bearer ${web.token}x` } })).status).toBe(
      401,
    );
    // A token in the URL is not taken: URLs end up in logs and the browser's history.
    expect((await send(`/api/events?token=${web.token}`)).status).toBe(401);
  });

  it('streams event batches once connected, and close() ends the stream', async () => {
    const batches: EventBatch[] = [];
    let raw = '';
    let connected!: () => void;
    const isConnected = new Promise<void>((resolve) => (connected = resolve));
    const ended = new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: web.port,
          path: '/api/events',
          headers: { Authorization: `Bearer ${web.token}` },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          res.setEncoding('utf8');
          res.on('data', (text: string) => {
            raw += text;
            if (raw.includes(': connected\n')) connected();
            for (let end = raw.indexOf('\n\n'); end >= 0; end = raw.indexOf('\n\n')) {
              const message = raw.slice(0, end);
              raw = raw.slice(end + 2);
              const data = message.split('\n').find((line) => line.startsWith('data: '));
              if (data !== undefined) batches.push(JSON.parse(data.slice(6)) as EventBatch);
            }
          });
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end();
    });
    await withDeadline(isConnected, 5_000, 'the stream to open');
    await pluginStarted();
    await withDeadline(
      (async () => {
        // A batch keeps the newest snapshot per plugin: a 'changed' after the start may stand for it.
        const started = (e: StudioEvent) => 'plugin' in e && e.plugin.id === 'test/echo' && e.plugin.state === 'started';
        while (!batches.flat().some(started)) {
          await new Promise((r) => setTimeout(r, 10));
        }
      })(),
      10_000,
      'a started event on the stream',
    );
    await web.close();
    await withDeadline(ended, 5_000, 'the stream to end on close');
  });
});

describe('web server: static files', () => {
  it('serves index.html for / with a strict CSP, nosniff, no-referrer and no-store, without a token', async () => {
    const reply = await send('/');
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(INDEX);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; " +
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['cache-control']).toBe('no-store');
    const withQuery = await send(`/?token=${web.token}`);
    expect(withQuery.text).toBe(INDEX);
  });

  it('serves assets with their content type', async () => {
    const reply = await send('/assets/app.js');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.text).toBe('console.log("studio")');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/../../package.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5cpackage.json',
      '//../package.json',
      '/assets',
      '/missing.js',
      '/%00',
    ]) {
      const reply = await send(path);
      expect(reply.status, path).toBe(404);
      expect(reply.text).not.toContain('secret');
    }
    expect((await send('/', { headers: { Host: 'evil.example' } })).status).toBe(403);
  });
});
