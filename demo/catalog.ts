/**
 * The sample plugins, for launchers such as `goplug demo`. Node samples are the compiled files
 * next to this one (dist/demo/*.js); the Python sample is not compiled, so it is found in the
 * package's source tree (demo/hello-py/hello.py) from the package root.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DemoSample {
  /** Plugin id as a host shows it: `NameSpace/Name`. */
  id: string;
  kind: 'node' | 'python';
  /** Absolute path of the file to run (`node <entry>` or `python3 <entry>`), plus `--dir DIR`. */
  entry: string;
  description: string;
}

const here = dirname(fileURLToPath(import.meta.url));

export const DEMO_SAMPLES: readonly DemoSample[] = [
  {
    id: 'demo/echo',
    kind: 'node',
    entry: join(here, 'echo.js'),
    description: 'Echo, Upper, Delay (body = milliseconds)',
  },
  {
    id: 'demo/clock',
    kind: 'node',
    entry: join(here, 'clock.js'),
    description: 'Now; notifies callback "tick" every second',
  },
  { id: 'demo/kv', kind: 'node', entry: join(here, 'kv.js'), description: 'LazyLoad key/value store: Get, Set, Delete, List' },
  {
    id: 'demo/hello-py',
    kind: 'python',
    entry: outsideAsar(join(packageRoot(here), 'demo', 'hello-py', 'hello.py')),
    description: 'Python standard library only: Hello; notifies callback "greeted"',
  },
];

/**
 * A packaged app keeps its files in `app.asar`, which only Electron can read; the packager unpacks
 * the Python sample (`asarUnpack` in electron-builder.yml) to `app.asar.unpacked`, where python3
 * finds it. Elsewhere the path is unchanged.
 */
export function outsideAsar(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}

/** The nearest folder above `from` holding a package.json (dist/ has none of its own). */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}
