/**
 * Builds what `node bin/goplug.js serve` runs: the Node side (`npm run build:node`, into dist/)
 * and the window (`npm run build:app`, into out/). Browser test files call it in beforeAll; it
 * builds once per change of the sources, under a lock, so that test files running side by side
 * neither build twice nor empty out/renderer under a server that another file is using.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './buildOnce.js';

const LOCK = join(REPO_ROOT, 'dist', '.studio-build.lock');
const STAMP = join(REPO_ROOT, 'out', '.studio-build-stamp');
/** What the builds read: a change to any of these makes the next call build again. */
const INPUTS = ['src', 'demo', 'electron.vite.config.ts', 'tsconfig.base.json', 'tsconfig.build.json', 'package-lock.json'];
/** What must exist afterwards for `goplug serve` and `goplug demo` to run. */
const OUTPUTS = ['dist/src/cli/main.js', 'dist/demo/echo.js', 'out/renderer/index.html'];
const BUILD_DEADLINE_MS = 120_000;

export async function ensureStudioBuilt(): Promise<void> {
  await mkdir(join(REPO_ROOT, 'dist'), { recursive: true });
  await acquireLock();
  try {
    const fingerprint = await inputsFingerprint();
    const built = OUTPUTS.every((file) => existsSync(join(REPO_ROOT, file)));
    if (built && (await readFile(STAMP, 'utf8').catch(() => '')) === fingerprint) return;
    await run('build:node', OUTPUTS.filter((file) => file.startsWith('dist/')));
    await run('build:app', ['out/renderer/index.html']);
    await writeFile(STAMP, fingerprint);
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

/**
 * tsc emits even when a file that is not ours fails to type-check (others may be mid-work), and
 * `npm run build:node` then exits 1; a build counts as done when its outputs were written.
 */
async function run(script: string, needed: string[]): Promise<void> {
  const startedAt = Date.now();
  try {
    await promisify(execFile)('npm', ['run', script], { cwd: REPO_ROOT, timeout: BUILD_DEADLINE_MS });
  } catch (err) {
    const fresh = await Promise.all(
      needed.map(async (file) => (await stat(join(REPO_ROOT, file)).catch(() => null))?.mtimeMs ?? 0),
    );
    if (fresh.some((mtime) => mtime < startedAt)) {
      const output = (err as { stdout?: string; stderr?: string }).stdout ?? '';
      throw new Error(`npm run ${script} failed:\n${output}\n${(err as { stderr?: string }).stderr ?? String(err)}`);
    }
  }
}

/** Newest modification time and number of files under the inputs: cheap, and enough to see an edit. */
async function inputsFingerprint(): Promise<string> {
  let newest = 0;
  let count = 0;
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => null);
    if (info === null) return;
    if (info.isDirectory()) {
      for (const name of await readdir(path)) await visit(join(path, name));
      return;
    }
    newest = Math.max(newest, info.mtimeMs);
    count += 1;
  };
  for (const input of INPUTS) await visit(join(REPO_ROOT, input));
  return `${newest} ${count}`;
}

/**
 * A directory as the lock (mkdir is atomic). One left behind is taken over: its owner died, or
 * it never wrote its pid and is older than any build.
 */
async function acquireLock(): Promise<void> {
  const giveUp = Date.now() + 2 * BUILD_DEADLINE_MS;
  for (;;) {
    try {
      await mkdir(LOCK);
      await writeFile(join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number(await readFile(join(LOCK, 'pid'), 'utf8').catch(() => 'NaN'));
    const age = Date.now() - ((await stat(LOCK).catch(() => null))?.mtimeMs ?? Date.now());
    if (Number.isInteger(owner) ? !isAlive(owner) : age > BUILD_DEADLINE_MS) {
      await rm(LOCK, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > giveUp) throw new Error(`${LOCK} is still held by process ${owner}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
