/**
 * A real StudioService over real temp folders, with SDK plugins running in-process, for the
 * service and web-server tests. Everything opened here is closed by `close()`.
 */
import { approveManifestFile } from '../../src/cli/manifestApproval.js';
import type { PluginState } from '../../src/core/types.js';
import { ApprovalStore } from '../../src/service/approvalStore.js';
import { createPlugin, type GoPlugPlugin } from '../../src/sdk/index.js';
import { StudioService, type StudioServiceOptions } from '../../src/service/studioService.js';
import type { Envelope, EventBatch, StudioEvent } from '../../src/shared/contract.js';
import { tempFolder } from './tempFolder.js';

export interface Studio {
  service: StudioService;
  pluginDir: string;
  dataDir: string;
  batches: EventBatch[];
  events(): StudioEvent[];
  /** An SDK plugin in the plugin folder serving Echo (body back) and Fail (a 500); not started yet. */
  plugin(name: string, opts?: { namespace?: string; lazyLoad?: boolean; folder?: string }): GoPlugPlugin;
  /** Polls the snapshot until the plugin is in `state` (undefined: gone). */
  waitFor(id: string, state: PluginState | undefined, timeoutMs?: number): Promise<void>;
  /**
   * Approves a manifest's command as `goplug trust` does (in the data folder, from outside the
   * service), then waits until the service no longer shows it waiting for approval.
   */
  trust(manifestPath: string): Promise<void>;
  /** Closes the service and opens a new one on the same folders. */
  restart(options?: Partial<StudioServiceOptions>): Promise<StudioService>;
  close(): Promise<void>;
}

export async function openStudio(options: Partial<StudioServiceOptions> = {}): Promise<Studio> {
  const plugins = await tempFolder('gp-p-');
  const data = await tempFolder('gp-d-');
  const sdkPlugins: GoPlugPlugin[] = [];
  const batches: EventBatch[] = [];
  const make = async (extra: Partial<StudioServiceOptions>) => {
    const service = await StudioService.create({
      dataDir: data.path,
      defaultFolder: plugins.path,
      platform: { kind: 'web', canPickFolder: false, canReveal: false },
      healthCheckMs: 0,
      ...options,
      ...extra,
    });
    service.onEvents((batch) => batches.push(batch));
    return service;
  };
  const studio: Studio = {
    service: await make({}),
    pluginDir: plugins.path,
    dataDir: data.path,
    batches,
    events: () => batches.flat(),
    plugin(name, opts = {}) {
      const plugin = createPlugin({
        folder: opts.folder ?? plugins.path,
        name,
        namespace: opts.namespace ?? 'test',
        lazyLoad: opts.lazyLoad,
      })
        .method('Echo', (body) => body)
        .method('Fail', () => {
          throw new Error('deliberate failure');
        });
      sdkPlugins.push(plugin);
      return plugin;
    },
    async waitFor(id, state, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const snapshot = await studio.service.call('getSnapshot', {});
        const now = snapshot.ok ? snapshot.value.plugins.find((p) => p.id === id)?.state : undefined;
        if (now === state) return;
        if (Date.now() > deadline) {
          throw new Error(
            `timed out after ${timeoutMs} ms waiting for ${id} to be ${state ?? 'gone'} (is ${now ?? 'gone'})`,
          );
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async trust(manifestPath) {
      const { store } = await ApprovalStore.open(data.path);
      const approved = await approveManifestFile(store, manifestPath);
      store.close();
      if (!approved.ok) throw new Error(approved.line);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const snapshot = value(await studio.service.call('getSnapshot', {}));
        const plugin = snapshot.plugins.find((p) => p.manifestPath === manifestPath);
        if (plugin !== undefined && plugin.waitingApproval === undefined) return;
        if (Date.now() > deadline)
          throw new Error(`${manifestPath} still waits for approval after goplug trust`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async restart(extra = {}) {
      await studio.service.close();
      studio.service = await make(extra);
      return studio.service;
    },
    async close() {
      await studio.service.close();
      await Promise.all(sdkPlugins.splice(0).map((p) => p.stop()));
      await plugins.remove();
      await data.remove();
    },
  };
  return studio;
}

/** The value of an answer that must have succeeded; a failure fails the test with its code and message. */
export function value<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
}
