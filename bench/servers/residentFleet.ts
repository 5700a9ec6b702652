/**
 * Child process serving many plugins that outlive `POST /Stop`: each answers it and keeps
 * listening (SDK and Go plugins exit), so the Studio can stop and start the same plugins over
 * and over, as the UI's state-change benchmark does. The wire is GoPlug's (docs/PROTOCOL.md):
 * Activate lists the methods, Go style (`["Echo","","","",""]`); Ping and Echo echo the body.
 * Plugins are `<namespace>/p<i>`, i zero-padded to 4 digits (list order = number order), for i
 * in [from, from + count).
 * Usage: node residentFleet.js <folder> <namespace> <from> <count>
 */
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pconfFileName, writePconfAtomic } from '../../src/core/pconf/write.js';
import { formatPluginId, goFileStem } from '../../src/core/pluginId.js';
import { exitWhenParentCloses, failChild, tellParent } from '../lib/childSide.js';

export interface ResidentFleetReady {
  ids: string[];
}

const ACTIVATE_BODY = Buffer.from(JSON.stringify(['Echo', '', '', '', '']));
/** Plugins started at once: enough to overlap their file writes, few enough not to hog the disk. */
const CONCURRENCY = 16;

function residentName(i: number): string {
  return `p${String(i).padStart(4, '0')}`;
}

function answer(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  // A host that hangs up mid-request (a stop cutting a call short) is not a failure of the fleet.
  req.on('error', () => res.destroy());
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const method = (req.url ?? '/').split('/')[1] ?? '';
    const body =
      method === 'Activate'
        ? ACTIVATE_BODY
        : method === 'Ping' || method === 'Echo'
          ? Buffer.concat(chunks)
          : method === 'Stop'
            ? Buffer.alloc(0)
            : undefined;
    res.writeHead(body === undefined ? 400 : 200, { 'Content-Length': body?.length ?? 0 });
    res.end(body);
  });
}

async function startPlugin(folder: string, namespace: string, name: string): Promise<() => Promise<void>> {
  const sock = join(folder, `${goFileStem(namespace, name)}.sock`);
  const server: Server = createServer(answer);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(sock, resolve);
  });
  await writePconfAtomic(folder, { name, namespace, sock });
  return async () => {
    await rm(join(folder, pconfFileName(namespace, name)), { force: true });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
}

async function main(): Promise<void> {
  const [folder, namespace, from, count] = process.argv.slice(2);
  if (folder === undefined || namespace === undefined || !(Number(count) >= 0)) {
    throw new Error('usage: residentFleet.js <folder> <namespace> <from> <count>');
  }
  const names = Array.from({ length: Number(count) }, (_, k) => residentName(Number(from) + k));
  const stops: Array<() => Promise<void>> = [];
  exitWhenParentCloses(() => Promise.all(stops.map((stop) => stop())), 15_000);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) stops.push(await startPlugin(folder, namespace, names[next++] as string));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ready: ResidentFleetReady = { ids: names.map((name) => formatPluginId(namespace, name)) };
  tellParent(ready);
}

main().catch((err: unknown) => failChild('residentFleet', err));
