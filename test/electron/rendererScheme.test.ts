/**
 * The handler of our page's scheme on a real folder: it answers with the files of the built page
 * only, with their content types and the production CSP, and refuses every way out of the folder.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererSchemeHandler } from '../../src/main/rendererScheme.js';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/contentSecurityPolicy.js';
import { tempFolder } from '../helpers/tempFolder.js';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  folder = await tempFolder('gp-scheme-');
  const page = join(folder.path, 'renderer');
  await mkdir(join(page, 'assets'), { recursive: true });
  await writeFile(join(page, 'index.html'), '<!doctype html><title>ours</title>');
  await writeFile(join(page, 'assets', 'index-abc.js'), 'export const ours = 1;');
  await writeFile(join(page, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(join(page, 'assets', 'blob.bin'), 'x');
  await writeFile(join(folder.path, 'secret.txt'), 'not ours');
  await symlink(join(folder.path, 'secret.txt'), join(page, 'assets', 'leak.js'));
  await symlink(folder.path, join(page, 'up'));
  handle = await rendererSchemeHandler(page);
});

afterAll(() => folder.remove());

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe("our page's scheme", () => {
  it('serves index.html for the entry URL and for the bare origin, never cached', async () => {
    for (const url of [
      'goplug-studio://app/index.html',
      'goplug-studio://app/',
      'goplug-studio://APP/index.html?x=1#y',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(await response.text()).toContain('<title>ours</title>');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('gives each file its content type, and every answer the production CSP and nosniff', async () => {
    const types = {
      'goplug-studio://app/assets/index-abc.js': 'text/javascript; charset=utf-8',
      'goplug-studio://app/assets/index-abc.css': 'text/css; charset=utf-8',
      'goplug-studio://app/assets/blob.bin': 'application/octet-stream',
    };
    for (const [url, type] of Object.entries(types)) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
    }
    for (const url of [...Object.keys(types), 'goplug-studio://app/missing.js']) {
      const response = await get(url);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('goplug-studio://app/assets/index-abc.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('export const ours = 1;'.length));
    expect(await head.text()).toBe('');
    const post = await get('goplug-studio://app/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('refuses every way out of the folder: .., encoded .., backslashes, NUL, symlinks out', async () => {
    for (const url of [
      'goplug-studio://app/../secret.txt',
      'goplug-studio://app/%2e%2e/secret.txt',
      'goplug-studio://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'goplug-studio://app/assets/..%5c..%5csecret.txt',
      'goplug-studio://app/index.html%00.js',
      'goplug-studio://app/%E0%A4%A',
      'goplug-studio://app/assets/leak.js',
      'goplug-studio://app/up/secret.txt',
      'goplug-studio://app/assets',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('not ours');
    }
  });

  it('answers only its own host', async () => {
    for (const url of [
      'goplug-studio://other/index.html',
      'goplug-studio://app.evil/index.html',
      'https://app/index.html',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('cannot be set up on a folder without a built page', async () => {
    await expect(rendererSchemeHandler(join(folder.path, 'nothing'))).rejects.toThrow(/npm run build:app/);
  });
});
