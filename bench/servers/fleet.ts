/**
 * Child process serving many plugins at once (one process, many sockets): `scale/p<i>` for i in
 * [from, from + count), each with an Echo method, in `folder`; with a probe folder, also the
 * plugin the discovery probes point at.
 * Usage: node fleet.js <folder> <from> <count> [probeFolder]
 */
import { createPlugin, type GoPlugPlugin } from '../../src/sdk/index.js';
import { exitWhenParentCloses, failChild, tellParent } from '../lib/childSide.js';

export interface FleetReady {
  started: number;
  /** Socket of the probe plugin, when a probe folder was given. */
  probeSock?: string;
}

/** Plugins started at once: enough to overlap their file writes, few enough not to hog the disk. */
const CONCURRENCY = 16;

async function main(): Promise<void> {
  const [folder, from, count, probeFolder] = process.argv.slice(2);
  if (folder === undefined || !(Number(count) >= 0))
    throw new Error('usage: fleet.js <folder> <from> <count> [probeFolder]');
  const plugins = Array.from({ length: Number(count) }, (_, k) =>
    createPlugin({ folder, namespace: 'scale', name: `p${Number(from) + k}` }).method('Echo', (body) => body),
  );
  const probe = probeFolder
    ? createPlugin({ folder: probeFolder, namespace: 'probe', name: 'target' })
    : undefined;
  const all = probe ? [...plugins, probe] : plugins;
  exitWhenParentCloses(() => Promise.all(all.map((plugin) => plugin.stop())), 15_000);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plugins.length) await (plugins[next++] as GoPlugPlugin).start();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ready: FleetReady = { started: plugins.length, probeSock: (await probe?.start())?.sock };
  tellParent(ready);
}

main().catch((err: unknown) => failChild('fleet', err));
