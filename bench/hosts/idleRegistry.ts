/**
 * Child process: a registry watching one (empty) plugin folder and doing nothing else, so that the
 * CPU time the parent reads of this process is what watching costs while others work beside it.
 * Usage: node idleRegistry.js FOLDER
 */
import { openRegistry } from '../../src/core/registry/index.js';
import { exitWhenParentCloses, failChild, tellParent } from '../lib/childSide.js';

const folder = process.argv[2];
if (folder === undefined) failChild('idleRegistry', new Error('usage: idleRegistry.js FOLDER'));
try {
  const registry = await openRegistry({ folders: [folder] });
  await registry.whenIdle();
  exitWhenParentCloses(() => registry.close());
  tellParent({ ready: true });
} catch (err) {
  failChild('idleRegistry', err);
}
