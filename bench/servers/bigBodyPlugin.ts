/**
 * Child process for ui.big_response_ms: one SDK plugin, `big/body`, whose method `Big` answers
 * with about `mib` MiB of JSON (an array of small records, as a real dump would be).
 * Usage: node bigBodyPlugin.js <folder> <mib>
 */
import { createPlugin } from '../../src/sdk/index.js';
import { exitWhenParentCloses, failChild, tellParent } from '../lib/childSide.js';

export interface BigBodyReady {
  id: string;
  bytes: number;
}

function bigJson(bytes: number): Buffer {
  const records: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const record = JSON.stringify({ id: i, name: `record ${i}`, tags: ['alpha', 'beta'], ok: i % 3 === 0 });
    records.push(record);
    size += record.length + 1;
  }
  return Buffer.from(`[${records.join(',')}]`);
}

async function main(): Promise<void> {
  const [folder, mib] = process.argv.slice(2);
  if (folder === undefined || !(Number(mib) > 0)) throw new Error('usage: bigBodyPlugin.js <folder> <mib>');
  const body = bigJson(Number(mib) * 1024 * 1024);
  const plugin = createPlugin({ folder, namespace: 'big', name: 'body' }).method('Big', () => body);
  exitWhenParentCloses(() => plugin.stop());
  await plugin.start();
  const ready: BigBodyReady = { id: plugin.id, bytes: body.length };
  tellParent(ready);
}

main().catch((err: unknown) => failChild('bigBodyPlugin', err));
