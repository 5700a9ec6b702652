/**
 * Child process for the call, SDK and notification benchmarks: `plugins` echo plugins and one
 * notifier, written with the TypeScript SDK, in `<dir>/plugins`.
 * Usage: node pluginServer.js <dir> <plugins>
 */
import { join } from 'node:path';
import { createPlugin, type GoPlugPlugin } from '../../src/sdk/index.js';
import { exitWhenParentCloses, failChild, tellParent } from '../lib/childSide.js';

export interface PluginServerReady {
  plugins: string[];
  notifier: string;
}

async function main(): Promise<void> {
  const [dir, count] = process.argv.slice(2);
  if (dir === undefined || !(Number(count) > 0)) throw new Error('usage: pluginServer.js <dir> <plugins>');
  const folder = join(dir, 'plugins');
  const plugins: GoPlugPlugin[] = [];
  for (let i = 0; i < Number(count); i++) {
    plugins.push(
      createPlugin({ folder, namespace: 'bench', name: `echo${i}` }).method('Echo', (body) => body),
    );
  }
  const notifying = notifier(folder);
  exitWhenParentCloses(() => Promise.all([...plugins, notifying].map((plugin) => plugin.stop())));
  for (const plugin of [...plugins, notifying]) await plugin.start();
  const ready: PluginServerReady = { plugins: plugins.map((p) => p.id), notifier: notifying.id };
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

main().catch((err: unknown) => failChild('pluginServer', err));
