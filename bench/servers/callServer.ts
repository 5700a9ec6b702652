/**
 * Child process for the call, SDK and notification benchmarks: `plugins` echo plugins and one
 * notifier (TypeScript SDK) in `<dir>/plugins`, plus the bare baselines in `<dir>`.
 * Usage: node callServer.js <dir> <plugins>
 */
import { join } from 'node:path';
import { createPlugin, type GoPlugPlugin } from '../../src/sdk/index.js';
import { exitWhenParentCloses, failChild, tellParent } from '../lib/childSide.js';
import { listenBareHttp, listenEcho } from './baselines.js';

export interface CallServerReady {
  plugins: string[];
  notifier: string;
  bareHttpSock: string;
  echoSock: string;
}

async function main(): Promise<void> {
  const [dir, count] = process.argv.slice(2);
  if (dir === undefined || !(Number(count) > 0)) throw new Error('usage: callServer.js <dir> <plugins>');
  const folder = join(dir, 'plugins');
  const plugins: GoPlugPlugin[] = [];
  for (let i = 0; i < Number(count); i++) {
    plugins.push(
      createPlugin({ folder, namespace: 'bench', name: `echo${i}` }).method('Echo', (body) => body),
    );
  }
  plugins.push(notifier(folder));
  for (const plugin of plugins) await plugin.start();
  const bareHttpSock = join(dir, 'bare-http.sock');
  const echoSock = join(dir, 'echo.sock');
  const bareHttp = await listenBareHttp(bareHttpSock);
  const echo = await listenEcho(echoSock);
  exitWhenParentCloses(async () => {
    bareHttp.close();
    echo.close();
    await Promise.all(plugins.map((plugin) => plugin.stop()));
  });
  const ready: CallServerReady = {
    plugins: plugins.slice(0, -1).map((p) => p.id),
    notifier: (plugins.at(-1) as GoPlugPlugin).id,
    bareHttpSock,
    echoSock,
  };
  tellParent(ready);
}

/**
 * `Burst` ({"callback", "count"}) answers at once, then notifies `count` times in one go, each
 * body its sequence number; `Dropped` ("callback") says how many the plugin had to drop.
 */
function notifier(folder: string): GoPlugPlugin {
  const plugin = createPlugin({ folder, namespace: 'bench', name: 'notifier' });
  return plugin
    .method('Burst', (body) => {
      const { callback, count } = JSON.parse(body.toString('utf8')) as { callback: string; count: number };
      setImmediate(() => {
        for (let i = 0; i < count; i++) plugin.notify(callback, String(i));
      });
    })
    .method('Dropped', (body) => plugin.droppedNotifications(JSON.parse(body.toString('utf8')) as string));
}

main().catch((err: unknown) => failChild('callServer', err));
