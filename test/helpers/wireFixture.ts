/**
 * Per-test plumbing for wire tests: temp folders, Go plugin doubles, canned servers and
 * clients, all released after each test (clients first, then servers, then folders).
 */
import { afterEach } from 'vitest';
import { PluginClient, type PluginTarget, type WireDefaults } from '../../src/core/wire/index.js';
import { startCannedReplyServer, type CannedReplyServer } from './cannedReplyServer.js';
import { startGoPluginDouble, type GoPluginDouble, type GoPluginDoubleOptions } from './goPluginDouble.js';
import { tempFolder } from './tempFolder.js';

export interface WireFixture {
  folder(): Promise<string>;
  double(opts?: Omit<GoPluginDoubleOptions, 'dir'>): Promise<GoPluginDouble>;
  canned(reply: string | Buffer): Promise<CannedReplyServer>;
  client(target: PluginTarget, defaults?: Partial<WireDefaults>): PluginClient;
  /** A double and a client for it, with the id `Test/Do`. */
  pair(
    opts?: Omit<GoPluginDoubleOptions, 'dir'>,
    defaults?: Partial<WireDefaults>,
  ): Promise<{ double: GoPluginDouble; client: PluginClient }>;
}

export function useWireFixture(): WireFixture {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const folder = async (): Promise<string> => {
    const f = await tempFolder('gpw-');
    cleanups.push(f.remove);
    return f.path;
  };
  const double = async (opts?: Omit<GoPluginDoubleOptions, 'dir'>): Promise<GoPluginDouble> => {
    const d = await startGoPluginDouble({ dir: await folder(), ...opts });
    cleanups.push(() => d.close());
    return d;
  };
  const client = (target: PluginTarget, defaults?: Partial<WireDefaults>): PluginClient => {
    const c = new PluginClient(target, defaults);
    cleanups.push(() => c.destroy('the test ended'));
    return c;
  };
  return {
    folder,
    double,
    client,
    async canned(reply) {
      const server = await startCannedReplyServer(await folder(), reply);
      cleanups.push(() => server.close());
      return server;
    },
    async pair(opts, defaults) {
      const d = await double(opts);
      return { double: d, client: client({ sock: d.sock, url: d.url, id: 'Test/Do' }, defaults) };
    },
  };
}
