/**
 * `goplug serve` as a user runs it (`node bin/goplug.js serve`), for the ui and web suites: the
 * built Studio (dist/ and out/renderer, from `npm run build`) on a plugin folder of the suite's
 * own, with its settings and history in a data folder of its own (nothing of ~/.goplug is used).
 */
import { readdirSync, statSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnNode } from './childProcess.js';
import { repoRoot } from './repoRoot.js';

export interface GoplugServe {
  pid: number;
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  /** What the user opens: `http://127.0.0.1:PORT/?token=TOKEN`. */
  url: string;
  token: string;
  /** SIGTERM (serve closes its service and exits 0), SIGKILL after the deadline. */
  stop(): Promise<void>;
}

/** What `goplug serve` runs; `npm run build` writes them. */
const BUILT = ['dist/src/cli/main.js', 'out/renderer/index.html'];
const WINDOW = join('out', 'renderer');

/**
 * Whether the Studio is built: `error` when it is not (the suites cannot run), `warning` when a
 * source file is newer than the build (the figures then measure the previous build).
 */
export function studioBuildState(): { error?: string; warning?: string } {
  const root = repoRoot();
  const built = BUILT.map((file) => statSync(join(root, file), { throwIfNoEntry: false })?.mtimeMs);
  if (built.some((mtime) => mtime === undefined)) {
    return { error: `the Studio is not built (${BUILT.join(', ')}): run \`npm run build\` first` };
  }
  const oldestBuild = Math.min(...(built as number[]));
  const newestSource = newestMtime(join(root, 'src'));
  return newestSource > oldestBuild
    ? { warning: 'src/ has changed since the last `npm run build`: the figures measure that build' }
    : {};
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * A copy of the built Studio window in `dir`, for `staticDir`: a build that runs meanwhile (tests
 * build it too) then cannot swap the files under a page being measured.
 */
export async function copyStudioWindow(dir: string): Promise<string> {
  const copy = join(dir, 'renderer');
  await cp(join(repoRoot(), WINDOW), copy, { recursive: true });
  return copy;
}

export async function startGoplugServe(
  folders: { pluginDir: string; dataDir: string; staticDir: string },
  timeoutMs = 30_000,
): Promise<GoplugServe> {
  const { pluginDir, dataDir, staticDir } = folders;
  const { GOPLUG_PLUGIN_DIR: _ignored, ...inherited } = process.env;
  const child = spawnNode(
    join(repoRoot(), 'bin', 'goplug.js'),
    ['serve', '--dir', pluginDir, '--port', '0', '--data-dir', dataDir, '--static-dir', staticDir],
    { env: { ...inherited, HOME: dataDir } },
  );
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-4000)));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let exit: number | string | undefined;
  void exited.then((how) => (exit = how));

  const giveUp = Date.now() + timeoutMs;
  let line: RegExpExecArray | null = null;
  while ((line = /^GoPlug Studio: ((http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+))\n/m.exec(stdout)) === null) {
    if (exit !== undefined || Date.now() > giveUp) {
      child.kill('SIGKILL');
      const why = exit !== undefined ? `exited (${exit})` : `printed no address within ${timeoutMs} ms`;
      throw new Error(`goplug serve ${why}; its stderr:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const [, url, baseUrl, token] = line as unknown as [string, string, string, string];
  return {
    pid: child.pid ?? 0,
    url,
    baseUrl,
    token,
    async stop() {
      if (exit !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const how = await exited;
      clearTimeout(timer);
      if (how !== 0) throw new Error(`goplug serve exited with ${how} when stopped; its stderr:\n${stderr}`);
    },
  };
}
