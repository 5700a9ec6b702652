/**
 * The npm package as a plugin author meets it: `npm pack`, `npm install ./goplug-studio-*.tgz`
 * in an empty project, a plugin written with `goplug-studio/sdk` run with Node, type-checked
 * against the package's declarations, and called with `npx goplug call`. The tarball is packed
 * from this tree's build (`--ignore-scripts`: its prepack would rebuild dist/ under the test files
 * running beside this one); dependencies come from the npm cache when they are there.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/buildOnce.js';
import { ensureStudioBuilt } from '../helpers/studioBuild.js';
import { tempFolder } from '../helpers/tempFolder.js';
import { waitUntil } from '../helpers/waitUntil.js';

const exec = promisify(execFile);
const NPM_DEADLINE_MS = 120_000;

let root: Awaited<ReturnType<typeof tempFolder>>;
let tarball: string;
let project: string;
let plugin: ChildProcess | undefined;

/** npm with a deadline, its output kept for the assertion that fails. */
async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout, stderr } = await exec('npm', args, { cwd, timeout: NPM_DEADLINE_MS, encoding: 'utf8' });
  return `${stdout}\n${stderr}`;
}

beforeAll(async () => {
  await ensureStudioBuilt();
  root = await tempFolder('gp-pack-');
  const [packed] = JSON.parse(
    await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', root.path], REPO_ROOT),
  ) as Array<{
    filename: string;
  }>;
  tarball = join(root.path, packed!.filename);
  project = join(root.path, 'author');
  await mkdir(project);
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'author-plugin', private: true, type: 'module' }),
  );
}, NPM_DEADLINE_MS + 60_000);

afterAll(async () => {
  plugin?.kill('SIGKILL');
  await root?.remove();
});

describe('the npm package for plugin authors', () => {
  it('holds the built SDK, registry and CLI with their types, README and licence, and no tests or benchmarks', async () => {
    const { stdout } = await exec('tar', ['-tzf', tarball], { encoding: 'utf8' });
    const files = stdout
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^package\//, ''));
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'bin/goplug.js',
        'dist/src/sdk/index.js',
        'dist/src/sdk/index.d.ts',
        'dist/src/core/registry/index.js',
        'dist/src/core/registry/index.d.ts',
        'dist/src/cli/main.js',
        'dist/demo/echo.js',
        'out/renderer/index.html',
      ]),
    );
    const unwanted = files.filter(
      (path) =>
        /^(test|bench|docs|src|scripts\/(?!postinstall\.js$))\//.test(path) || /\.test\.|\.map$/.test(path),
    );
    expect(unwanted).toEqual([]);
  });

  it(
    'installs without trying to fetch Electron, and runs a plugin written with the SDK, called with npx goplug call',
    async () => {
      await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], project);
      // npm 11 runs a dependency's install scripts only once the user approves them, older npm at
      // once: run its postinstall as either would. It must neither fetch Electron nor talk about it.
      const postinstall = await npm(['run', 'postinstall'], join(project, 'node_modules', 'goplug-studio'));
      expect(postinstall).toContain('node scripts/postinstall.js');
      expect(postinstall).not.toMatch(/electron/i);
      expect(existsSync(join(project, 'node_modules', 'electron'))).toBe(false);

      await writeFile(
        join(project, 'greeter.ts'),
        [
          "import { createPlugin, runPlugin, type MethodHandler } from 'goplug-studio/sdk';",
          "import { openRegistry } from 'goplug-studio/registry';",
          '',
          "const greet: MethodHandler = (body) => `hello ${body.toString('utf8')}`;",
          "void runPlugin(() => createPlugin({ namespace: 'author', name: 'greeter' }).method('Greet', greet));",
          'export const open: typeof openRegistry = openRegistry;',
          '// @ts-expect-error: the declarations know what createPlugin takes',
          "createPlugin({ namespace: 'author', nmae: 'typo' });",
          '',
        ].join('\n'),
      );
      await writeFile(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2023',
            strict: true,
            noEmit: true,
            typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
            types: ['node'],
          },
          files: ['greeter.ts'],
        }),
      );
      const typecheck = await exec(join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-p', project], {
        cwd: project,
        timeout: NPM_DEADLINE_MS,
        encoding: 'utf8',
      }).catch((err: { stdout?: string }) => ({ stdout: `tsc failed: ${err.stdout}` }));
      expect(typecheck.stdout).toBe('');

      // The same plugin as plain JavaScript, without the type-only lines.
      await writeFile(
        join(project, 'greeter.js'),
        [
          "import { createPlugin, runPlugin } from 'goplug-studio/sdk';",
          "import { openRegistry } from 'goplug-studio/registry';",
          "if (typeof openRegistry !== 'function') throw new Error('goplug-studio/registry has no openRegistry');",
          "void runPlugin(() => createPlugin({ namespace: 'author', name: 'greeter' }).method('Greet', (body) => `hello ${body}`));",
          '',
        ].join('\n'),
      );
      const plugins = join(project, 'plugins');
      let stderr = '';
      plugin = spawn(process.execPath, ['greeter.js'], {
        cwd: project,
        env: { ...process.env, GOPLUG_PLUGIN_DIR: plugins },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      plugin.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      await waitUntil(
        () => {
          if (plugin!.exitCode !== null)
            throw new Error(`the plugin exited (${plugin!.exitCode}): ${stderr}`);
          return existsSync(join(plugins, 'authorgreeter.pconf'));
        },
        'the plugin to announce itself',
        20_000,
      );

      const call = await exec(
        'npx',
        ['goplug', 'call', '--dir', plugins, 'author/greeter', 'Greet', '--data', 'world'],
        {
          cwd: project,
          timeout: 30_000,
          encoding: 'utf8',
        },
      );
      expect(call).toEqual({ stdout: 'hello world', stderr: '' });
    },
    3 * NPM_DEADLINE_MS,
  );
});
