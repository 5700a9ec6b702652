import { spawn } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildNode, type Build } from '../helpers/buildOnce.js';
import { withDeadline } from '../../src/core/withDeadline.js';
import { tempFolder } from '../helpers/tempFolder.js';

// `goplug serve` as a user runs it: the compiled command in its own process.
let build: Build;
let home: Awaited<ReturnType<typeof tempFolder>>;
let site: string;

beforeAll(async () => {
  build = await buildNode(['src/cli/commands/serve.js']);
}, 180_000);
afterAll(async () => {
  await build?.remove();
});

beforeEach(async () => {
  home = await tempFolder('gp-h-');
  site = join(home.path, 'renderer');
  await mkdir(site);
  await writeFile(join(site, 'index.html'), '<!doctype html><title>Studio</title>');
});
afterEach(async () => {
  await home.remove();
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Serve {
  /** Resolves with the first stdout line. */
  firstLine: Promise<string>;
  exit: Promise<Exit>;
  kill(signal: NodeJS.Signals): void;
}

function serve(args: string[]): Serve {
  const entry = pathToFileURL(join(build.outDir, 'src', 'cli', 'commands', 'serve.js')).href;
  const script = `const { runServe } = await import(${JSON.stringify(entry)}); process.exitCode = await runServe(process.argv.slice(1));`;
  const { GOPLUG_PLUGIN_DIR: _unset, ...env } = process.env;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, '--', ...args], {
    env: { ...env, HOME: home.path },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let lineSeen: (line: string) => void;
  const firstLine = new Promise<string>((resolve) => (lineSeen = resolve));
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    if (stdout.includes('\n')) lineSeen(stdout.slice(0, stdout.indexOf('\n')));
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exit = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { firstLine, exit, kill: (signal) => child.kill(signal) };
}

describe('goplug serve', () => {
  it('prints one line with the address, serves the Studio, and exits 0 on SIGTERM', async () => {
    const plugins = join(home.path, 'plugins');
    const run = serve(['--dir', plugins, '--data-dir', join(home.path, 'data'), '--static-dir', site]);
    const line = await withDeadline(run.firstLine, 20_000, 'the address line');
    const match = /^GoPlug Studio: (http:\/\/127\.0\.0\.1:(\d+)\/)\?token=([A-Za-z0-9_-]{43})$/.exec(line);
    expect(match, line).not.toBeNull();
    const [, base, , token] = match!;
    expect(await (await fetch(base!)).text()).toBe('<!doctype html><title>Studio</title>');
    const reply = await fetch(`${base}api/getSettings`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(await reply.json()).toMatchObject({ ok: true, value: { folders: [plugins] } });
    run.kill('SIGTERM');
    const { code, stdout } = await withDeadline(run.exit, 10_000, 'exit after SIGTERM');
    expect(code).toBe(0);
    expect(stdout).toBe(`${line}\n`);
  });

  it('uses ~/.goplug/plugins (created 0700) and ~/.goplug/studio by default', async () => {
    const run = serve(['--static-dir', site]);
    await withDeadline(run.firstLine, 20_000, 'the address line');
    expect((await stat(join(home.path, '.goplug', 'plugins'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(home.path, '.goplug', 'studio'))).isDirectory()).toBe(true);
    run.kill('SIGINT');
    const exit = await withDeadline(run.exit, 10_000, 'exit after SIGINT');
    expect(exit.code, JSON.stringify(exit)).toBe(0);
  });

  it('says to run npm run build:app when the Studio window is not built', async () => {
    const run = serve([
      '--static-dir',
      join(home.path, 'nothing-here'),
      '--data-dir',
      join(home.path, 'data'),
    ]);
    const { code, stdout, stderr } = await withDeadline(run.exit, 20_000, 'exit');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('npm run build:app');
  });

  it('prints its usage for --help, and exits 2 naming a bad option', async () => {
    const help = await withDeadline(serve(['--help']).exit, 20_000, 'help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: goplug serve/);
    const bad = await withDeadline(serve(['--port', 'eighty']).exit, 20_000, 'bad port');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port needs a number from 0 to 65535, got "eighty"');
  });
});
