/**
 * Child process with the bare baselines, apart from the SDK so that neither shapes the other's
 * JIT state: a node:http server answering the bytes the SDK's Echo answers, and a plain echo.
 * Usage: node baselineServer.js <dir>
 */
import { join } from 'node:path';
import { exitWhenParentCloses, failChild, tellParent } from '../lib/childSide.js';
import { listenBareHttp, listenEcho } from './baselines.js';

export interface BaselineServerReady {
  bareHttpSock: string;
  echoSock: string;
}

async function main(): Promise<void> {
  const [dir] = process.argv.slice(2);
  if (dir === undefined) throw new Error('usage: baselineServer.js <dir>');
  const ready: BaselineServerReady = {
    bareHttpSock: join(dir, 'bare-http.sock'),
    echoSock: join(dir, 'echo.sock'),
  };
  const bareHttp = await listenBareHttp(ready.bareHttpSock);
  const echo = await listenEcho(ready.echoSock);
  exitWhenParentCloses(async () => {
    bareHttp.close();
    echo.close();
  });
  tellParent(ready);
}

main().catch((err: unknown) => failChild('baselineServer', err));
