#!/usr/bin/env node
/**
 * `npm start`: GoPlug Studio as a desktop app when the Electron binary is installed, else in the
 * browser (`goplug serve`). Builds the app first when out/ is missing or older than the sources.
 * Extra arguments go to the Studio (`npm start -- --dir ./plugins`); SIGINT and SIGTERM are passed
 * on (see run()), and the exit status is the Studio's.
 *
 * The Electron binary is looked for on disk only: requiring the `electron` package would start
 * its lazy download, which can take minutes or fail without internet access.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { isatty } from 'node:tty';
import { fileURLToPath } from 'node:url';
import { sandboxProblem } from './electronSandbox.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron executable if it is installed, as the `electron` package itself would find it. */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override && !relative) return null;
  const binary = override ? join(override, relative || 'electron') : join(packageDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

/** The facts sandboxProblem() decides on, read from this machine. */
function sandboxFacts(electron, args) {
  let usernsRestricted = false;
  try {
    usernsRestricted =
      readFileSync('/proc/sys/kernel/apparmor_restrict_unprivileged_userns', 'utf8').trim() === '1';
  } catch {
    // no such setting: not an AppArmor system that restricts user namespaces
  }
  const path = join(dirname(electron), 'chrome-sandbox');
  let sandboxHelper = null;
  try {
    const info = statSync(path);
    sandboxHelper = { path, uid: info.uid, mode: info.mode };
  } catch {
    // no helper beside the binary (not Linux, or a build without it)
  }
  return { platform: process.platform, uid: process.getuid?.(), args, usernsRestricted, sandboxHelper };
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function newestIn(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    const parent = entry.parentPath ?? entry.path; // `path` before Node 20.12
    if (entry.isFile()) newest = Math.max(newest, mtime(join(parent, entry.name)) ?? 0);
  }
  return newest;
}

/** True when an output is missing or a source or the build config changed after it was built. */
function isStale(outputs) {
  const built = outputs.map((output) => mtime(join(root, output)));
  if (built.some((time) => time === null)) return true;
  const newestSource = Math.max(
    newestIn(join(root, 'src')),
    mtime(join(root, 'electron.vite.config.ts')) ?? 0,
  );
  return newestSource > Math.min(...built);
}

/**
 * Runs a child with our stdio, passing SIGINT/SIGTERM on once each; resolves with its exit status.
 * Ctrl-C in a terminal reaches the whole foreground process group, the child included, so a
 * SIGINT while our stdin is a terminal is not passed on: the child would see a second Ctrl-C,
 * which tools take as "quit now, skip the cleanup". (npm forwards signals too: one is enough.)
 */
function run(command, args, env = process.env, cwd = root) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit', env });
    const passedOn = new Set();
    const forward = (signal) => {
      if (passedOn.has(signal) || (signal === 'SIGINT' && isatty(0))) return;
      passedOn.add(signal);
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const done = (status) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(status);
    };
    child.once('error', (error) => {
      process.stderr.write(`GoPlug Studio: could not run ${command}: ${error.message}\n`);
      done(1);
    });
    child.once('exit', (code, signal) => done(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

/** `npm run <script>`, with the npm that runs us when there is one. */
function npmRun(script) {
  const npm = process.env.npm_execpath;
  return npm ? run(process.execPath, [npm, 'run', script]) : run('npm', ['run', script]);
}

/** The desktop app and the browser page (electron-vite), into out/. */
async function buildAppIfStale(outputs) {
  if (!isStale(outputs)) return 0;
  process.stderr.write('GoPlug Studio: building the app (out/ is missing or older than src/)...\n');
  return npmRun('build:app');
}

/** The CLI behind `goplug serve` (tsc), into dist/. */
async function buildCliIfStale() {
  if (!isStale(['dist/src/cli/main.js'])) return 0;
  process.stderr.write('GoPlug Studio: building the CLI (dist/ is missing or older than src/)...\n');
  return npmRun('build:node');
}

/**
 * Where the user launched us: npm runs scripts in the package root and says where it was called
 * in INIT_CWD. The Studio runs there, so that `--dir ./plugins` means the folder the user meant.
 */
const userCwd = process.env.INIT_CWD || process.cwd();

async function main(args) {
  const electron = electronBinary();
  if (electron) {
    const problem = sandboxProblem(sandboxFacts(electron, args));
    if (problem !== null) {
      process.stderr.write(`${problem}\n`);
      return 1;
    }
    const built = await buildAppIfStale([
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ]);
    if (built !== 0) return built;
    // Electron must run as itself, not as the Node it can pretend to be.
    const { ELECTRON_RUN_AS_NODE: _asNode, ...env } = process.env;
    return run(electron, [root, ...args], env, userCwd);
  }
  process.stderr.write(
    'GoPlug Studio: the Electron binary is not installed (it downloads on `npm install` with internet access), ' +
      'so the Studio opens in web mode instead.\n',
  );
  const built = (await buildAppIfStale(['out/renderer/index.html'])) || (await buildCliIfStale());
  if (built !== 0) return built;
  return run(process.execPath, [join(root, 'bin', 'goplug.js'), 'serve', ...args], process.env, userCwd);
}

process.exitCode = await main(process.argv.slice(2));
