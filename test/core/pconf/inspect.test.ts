/** The inspector against real files and real Unix sockets. */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatInspection, inspectPconf, writePconfAtomic } from '../../../src/core/pconf/index.js';
import type { PconfInspection } from '../../../src/core/types.js';
import { withDeadline } from '../../../src/core/withDeadline.js';
import { tempFolder } from '../../helpers/tempFolder.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/pconf/', import.meta.url));

let folder: { path: string; remove(): Promise<void> };
let server: Server | undefined;

beforeEach(async () => {
  folder = await tempFolder('gp-insp-');
});

afterEach(async () => {
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = undefined;
  await folder.remove();
});

function inspect(path: string): Promise<PconfInspection> {
  return withDeadline(inspectPconf(path, { connectTimeoutMs: 1000 }), 5000, `inspecting ${path}`);
}

/** A .pconf for plugin demo/svc whose Sock is `<folder>/svc.sock`. */
async function writeConf(): Promise<{ confPath: string; sock: string }> {
  const sock = join(folder.path, 'svc.sock');
  const confPath = await writePconfAtomic(folder.path, { name: 'svc', namespace: 'demo', sock });
  return { confPath, sock };
}

describe('inspectPconf', () => {
  it('finds a listening socket: exists, is a socket, its mode and owner, reachable', async () => {
    const { confPath, sock } = await writeConf();
    server = createServer((connection) => connection.end());
    await new Promise<void>((resolve) => server?.listen(sock, resolve));
    const i = await inspect(confPath);
    const facts = await stat(sock);
    expect(i.socket).toEqual({
      path: sock,
      exists: true,
      isSocket: true,
      mode: (facts.mode & 0o7777).toString(8).padStart(4, '0'),
      uid: facts.uid,
      owner: userInfo().username,
      reachable: true,
    });
    expect(i).toMatchObject({
      path: confPath,
      fileName: 'demosvc.pconf',
      rawTruncated: false,
      result: { ok: true },
    });
    expect(i.raw).toBe(
      `{"Name":"svc","NameSpace":"demo","Url":"unix://demosvc","Sock":"${sock}","LazyLoad":false}`,
    );
    expect(i.file).toMatchObject({ path: confPath, size: Buffer.byteLength(i.raw ?? '') });
  });

  it('says a regular file at the Sock path is not a socket and not reachable', async () => {
    const { confPath, sock } = await writeConf();
    await writeFile(sock, 'not a socket');
    const i = await inspect(confPath);
    expect(i.socket).toMatchObject({
      exists: true,
      isSocket: false,
      reachable: false,
      error: 'a regular file, not a socket',
    });
  });

  it('says when nothing is at the Sock path', async () => {
    const { confPath } = await writeConf();
    const i = await inspect(confPath);
    expect(i.socket).toMatchObject({ exists: false, isSocket: false, reachable: null });
  });

  it('finds a stale socket left by a killed process: a socket, but nobody answers', async () => {
    const { confPath, sock } = await writeConf();
    const script = `require('net').createServer().listen(process.argv[1], () => process.kill(process.pid, 'SIGKILL'))`;
    const child = spawnSync(process.execPath, ['-e', script, sock], { timeout: 10_000 });
    expect(child.signal).toBe('SIGKILL');
    const i = await inspect(confPath);
    expect(i.socket).toMatchObject({ exists: true, isSocket: true, reachable: false });
    expect(i.socket?.error).toMatch(/ECONNREFUSED/);
  });

  it('shows an invalid file with its text, its warnings and the error, and probes no socket', async () => {
    const confPath = join(folder.path, 'bad.pconf');
    await writeFile(confPath, '\ufeff{"Name":"x",\n "Sock": 5}');
    const i = await inspect(confPath);
    expect(i.raw).toBe('{"Name":"x",\n "Sock": 5}');
    expect(i.problem).toMatchObject({ kind: 'invalid', line: 2, column: 10 });
    expect(i.result).toMatchObject({ ok: false, warnings: [{ line: 1, column: 1 }] });
    expect(i.socket).toBeNull();
  });

  it('shows no text for binary content and no parse for a FIFO', async () => {
    const binary = join(folder.path, 'binary.pconf');
    await copyFile(join(FIXTURES, 'binary.pconf'), binary);
    expect(await inspect(binary)).toMatchObject({
      raw: null,
      result: { ok: false },
      problem: { kind: 'invalid' },
    });
    const fifo = join(folder.path, 'fifo.pconf');
    execFileSync('mkfifo', [fifo]);
    expect(await inspect(fifo)).toMatchObject({
      raw: null,
      result: null,
      problem: { kind: 'not-regular' },
      socket: null,
    });
  });

  it('cuts very long text and says so', async () => {
    const confPath = join(folder.path, 'long.pconf');
    await writeFile(
      confPath,
      JSON.stringify({ Name: 'long', Sock: '/tmp/l.sock', Filler: 'x'.repeat(100_000) }),
    );
    const i = await inspect(confPath);
    expect(i.result?.ok).toBe(true);
    expect(i.rawTruncated).toBe(true);
    expect(i.raw?.length).toBe(64 * 1024);
  });
});

describe('formatInspection', () => {
  it('shows fields with default marks, extras, file and socket facts', async () => {
    const confPath = join(folder.path, 'metaextra.pconf');
    await copyFile(join(FIXTURES, 'extra-fields.pconf'), confPath);
    const text = formatInspection(await inspect(confPath));
    expect(text).toContain(`valid .pconf for plugin "meta/extra"`);
    expect(text).toMatch(/^ {2}Url +"unix:\/\/metaextra" {2}\(default\)$/m);
    expect(text).toMatch(/^ {2}LazyLoad +false$/m);
    expect(text).toMatch(
      /^extras \(unknown keys, kept\):\n {2}Version +"1\.4\.2"\n {2}Description .*\n {2}Tags +\["demo","meta"\]$/m,
    );
    expect(text).toMatch(/^file:\n {2}size +191 bytes$/m);
    expect(text).toMatch(/^socket:\n {2}path +\/tmp\/goplug-fixture\/metaextra\.sock\n {2}exists +no$/m);
    expect(text).toMatch(/^ {2}reachable +not tried$/m);
  });

  it('shows warnings and errors with line:col, and escapes what the file controls', async () => {
    const confPath = join(folder.path, 'evil.pconf');
    await writeFile(confPath, '{"Name":"n","Sock":"/s",\n"LazyLoad":"\\u001b[2J",}');
    const text = formatInspection(await inspect(confPath));
    expect(text).toContain('invalid .pconf');
    expect(text).toMatch(/^warnings:\n {2}2:23 {2}evil\.pconf: trailing comma at line 2 column 23/m);
    expect(text).toContain(
      'error:\n  2:12  evil.pconf: wrong types: LazyLoad must be a boolean (found string "\\u001b[2J")',
    );
    expect(text).not.toContain('\u001b');
  });
});
