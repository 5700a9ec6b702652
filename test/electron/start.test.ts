/**
 * `npm start` (scripts/start.js) run for real on a miniature copy of the project: its own
 * package.json whose build scripts record that they ran, a bin/goplug.js that reports how it was
 * called and how it was stopped, and (for the desktop case) an "Electron binary" that does the
 * same. The real script decides, builds, launches and forwards signals; nothing is mocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, copyFile, mkdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { tempFolder } from '../helpers/tempFolder.js';

/**
 * Reports its arguments, then waits; on SIGINT/SIGTERM reports the signal and exits 7. It also
 * exits when start.js is gone, so a failed test cannot leave it running.
 */
const REPORTER = `
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { process.stdout.write('stopped by ' + signal + '\\n'); process.exit(7); });
}
process.stdout.write('launched: ' + JSON.stringify(process.argv.slice(2)) + '\\n');
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(1); }, 100);
`;

const WEB_OUTPUTS = ['out/renderer/index.html', 'dist/src/cli/main.js'];
const APP_OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

let project: Awaited<ReturnType<typeof tempFolder>>;
let noElectron: string;
const children: ChildProcess[] = [];

async function writeAt(path: string, text: string, secondsAgo: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  const when = new Date(Date.now() - secondsAgo * 1000);
  await utimes(path, when, when);
}

/** The outputs, built `secondsAgo` (sources were edited 100 s ago). */
async function built(outputs: string[], secondsAgo: number): Promise<void> {
  for (const output of outputs) await writeAt(join(project.path, output), '// built', secondsAgo);
}

function start(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [join(project.path, 'scripts', 'start.js'), ...args], {
    cwd: project.path,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async waitFor(text: string): Promise<void> {
      const until = Date.now() + 20_000;
      while (!output.includes(text)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`no "${text}" in:\n${output}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

beforeEach(async () => {
  project = await tempFolder('gp-start-');
  const root = project.path;
  await mkdir(join(root, 'scripts'));
  for (const script of ['start.js', 'electronSandbox.js']) {
    await copyFile(join(REPO_ROOT, 'scripts', script), join(root, 'scripts', script));
  }
  await symlink(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  const build = (what: string, outputs: string[]) =>
    `node -e "const fs=require('fs');for(const f of ${JSON.stringify(outputs).replace(/"/g, "'")}){fs.mkdirSync(require('path').dirname(f),{recursive:true});fs.writeFileSync(f,'// built')}console.log('ran ${what}')"`;
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify({
      name: 'start-test',
      type: 'module',
      scripts: {
        'build:app': build('build:app', APP_OUTPUTS),
        'build:node': build('build:node', WEB_OUTPUTS),
      },
    }),
  );
  await writeAt(join(root, 'src', 'main', 'index.ts'), '// source', 100);
  await writeAt(join(root, 'electron.vite.config.ts'), '// config', 100);
  await writeAt(join(root, 'bin', 'goplug.js'), REPORTER, 100);
  noElectron = join(root, 'no-electron-here');
  await mkdir(noElectron);
});

/** Stops start.js the way a user would (it stops the Studio it launched), SIGKILL as a last resort. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

afterEach(async () => {
  for (const child of children.splice(0)) await stop(child);
  await project.remove();
});

describe('npm start without the Electron binary', () => {
  it('says so in one sentence and serves the Studio in web mode with the extra arguments', async () => {
    await built([...APP_OUTPUTS, ...WEB_OUTPUTS], 50);
    const run = start(['--port', '0'], { ELECTRON_OVERRIDE_DIST_PATH: noElectron });
    await run.waitFor('launched:');
    const lines = run.output().trim().split('\n');
    expect(lines).toEqual([
      'GoPlug Studio: the Electron binary is not installed (it downloads on `npm install` with internet access), so the Studio opens in web mode instead.',
      'launched: ["serve","--port","0"]',
    ]);
  });

  it('builds the page and the CLI first when they are missing', async () => {
    const run = start([], { ELECTRON_OVERRIDE_DIST_PATH: noElectron });
    await run.waitFor('launched:');
    expect(run.output()).toMatch(/ran build:app[\s\S]*ran build:node[\s\S]*launched: \["serve"\]/);
  });

  it('rebuilds when a source changed after the last build', async () => {
    await built([...APP_OUTPUTS, ...WEB_OUTPUTS], 200);
    const run = start([], { ELECTRON_OVERRIDE_DIST_PATH: noElectron });
    await run.waitFor('launched:');
    expect(run.output()).toMatch(/ran build:app/);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`passes ${signal} on to the Studio and exits with its status`, async () => {
      await built([...APP_OUTPUTS, ...WEB_OUTPUTS], 50);
      const run = start([], { ELECTRON_OVERRIDE_DIST_PATH: noElectron });
      await run.waitFor('launched:');
      run.child.kill(signal);
      expect(await run.exited).toBe(7);
      expect(run.output()).toContain(`stopped by ${signal}`);
    });
  }
});

/** A stand-in Electron binary that reports its environment, working folder and arguments. */
async function fakeElectronBinary(): Promise<string> {
  const dist = join(project.path, 'electron-dist');
  const binary = join(dist, 'electron');
  const report = `process.stdout.write('ELECTRON_RUN_AS_NODE=' + (process.env.ELECTRON_RUN_AS_NODE ?? 'unset') + '\\n' + 'cwd: ' + process.cwd() + '\\n');`;
  await writeAt(binary, `#!${process.execPath}\n${report}\n${REPORTER}`, 0);
  await chmod(binary, 0o755);
  return dist;
}

describe('npm start with the Electron binary', () => {
  it('launches Electron on the project with the extra arguments, from where the user called npm, without rebuilding a fresh app', async () => {
    await built(APP_OUTPUTS, 50);
    const dist = await fakeElectronBinary();
    const userFolder = join(project.path, 'somewhere');
    await mkdir(userFolder);
    const run = start(['--no-sandbox', '--dir', 'plugins'], {
      ELECTRON_OVERRIDE_DIST_PATH: dist,
      ELECTRON_RUN_AS_NODE: '1',
      INIT_CWD: userFolder,
    });
    await run.waitFor('launched:');
    // Electron runs as Electron even when the shell asked Node-mode of it.
    expect(run.output().trim().split('\n')).toEqual([
      'ELECTRON_RUN_AS_NODE=unset',
      `cwd: ${userFolder}`,
      `launched: ${JSON.stringify([project.path, '--no-sandbox', '--dir', 'plugins'])}`,
    ]);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(7);
  });

  it('without --no-sandbox: as root on Linux, says what to do in one sentence instead of letting Electron crash', async () => {
    await built(APP_OUTPUTS, 50);
    const run = start([], { ELECTRON_OVERRIDE_DIST_PATH: await fakeElectronBinary() });
    if (process.platform === 'linux' && process.getuid?.() === 0) {
      // The case of these machines and CI.
      expect(await run.exited).toBe(1);
      expect(run.output().trim().split('\n')).toEqual([
        'GoPlug Studio: Electron will not run as root with its sandbox on, so start it as your own user (or, accepting an unsandboxed window, run `npm start -- --no-sandbox`).',
      ]);
    } else {
      await run.waitFor('launched:');
    }
  });
});
