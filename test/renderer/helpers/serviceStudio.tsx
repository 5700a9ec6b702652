/**
 * Renders components against a real Studio service in this process (test/helpers/studio.ts: real
 * folders, registry and launched processes), wired as the app wires it: the same bridge-to-API
 * wrapper, store, actions, and the sync that loads the snapshot and applies the event batches.
 *
 * test/helpers/studio.ts is Node code, which the renderer's type-check (DOM only, no Node types)
 * must not follow; so it is imported at run time by path and used through the few members below.
 */
import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import { alwaysConnected } from '../../../src/renderer/api/connection.js';
import { bridgeToApi } from '../../../src/renderer/api/unwrap.js';
import { createActions } from '../../../src/renderer/store/actions.js';
import { StudioProvider } from '../../../src/renderer/store/context.js';
import { createStudioStore, type StudioStore } from '../../../src/renderer/store/studioStore.js';
import { createSync } from '../../../src/renderer/store/sync.js';
import type { StudioData } from '../../../src/renderer/store/types.js';
import { channelNames } from '../../../src/shared/channels.js';
import type { EventBatch, StudioApi, StudioBridge } from '../../../src/shared/contract.js';

const STUDIO_HELPER = '../../helpers/studio.js';
const BUILD_HELPER = '../../helpers/buildOnce.js';

/** What these tests use of test/helpers/studio.ts's Studio. */
interface NodeStudio {
  service: {
    invoke(channel: string, request: unknown): Promise<unknown>;
    onEvents(listener: (batch: EventBatch) => void): () => void;
  };
  pluginDir: string;
  trust(manifestPath: string): Promise<void>;
  close(): Promise<void>;
}

/** Supervisor options as in StudioServiceOptions['launcher']. */
export interface LauncherOptions {
  orphanGuard?: boolean;
  backoff?: { initialMs?: number; maxMs?: number };
  budget?: { maxCrashes?: number; windowMs?: number };
}

export interface ServiceStudio {
  /** The watched plugin folder. */
  pluginDir: string;
  /** The test plugin of test/launcher: a plain Node script, configured through its environment. */
  fixturePlugin: string;
  /** The service's API, as the window calls it (values, or a thrown ApiCallError). */
  api: StudioApi;
  store: StudioStore;
  render(ui: ReactElement): void;
  /** Approves a manifest's command as `goplug trust` does, and waits until the service knows. */
  trust(manifestPath: string): Promise<void>;
  /** Unmounts, stops listening, closes the service (stopping what it launched), removes the folders. */
  close(): Promise<void>;
}

export async function openServiceStudio(
  launcher: LauncherOptions,
  initial: Partial<StudioData> = {},
): Promise<ServiceStudio> {
  const { openStudio } = (await import(/* @vite-ignore */ STUDIO_HELPER)) as {
    openStudio(options: { launcher: LauncherOptions }): Promise<NodeStudio>;
  };
  const { REPO_ROOT } = (await import(/* @vite-ignore */ BUILD_HELPER)) as { REPO_ROOT: string };
  const studio = await openStudio({ launcher });
  const bridge: Record<string, unknown> = { onEvents: studio.service.onEvents.bind(studio.service) };
  for (const name of channelNames) bridge[name] = (request: unknown) => studio.service.invoke(name, request);
  const api = bridgeToApi(bridge as StudioBridge);

  const store = createStudioStore({ initial });
  const sync = createSync(api, store);
  const actions = createActions(api, store, sync.resync);
  const stop = sync.start(alwaysConnected);
  let unmount = () => {};
  return {
    pluginDir: studio.pluginDir,
    fixturePlugin: `${REPO_ROOT}/test/fixtures/launcher/fixturePlugin.mjs`,
    api,
    store,
    trust: (manifestPath) => studio.trust(manifestPath),
    render(ui) {
      ({ unmount } = render(
        <StudioProvider store={store} actions={actions}>
          {ui}
        </StudioProvider>,
      ));
    },
    async close() {
      unmount();
      stop();
      await studio.close();
    },
  };
}

/**
 * For a test file whose tests each open one service studio: the function that opens it, closing
 * it (and unmounting the page) after each test.
 */
export function serviceStudioPerTest(): typeof openServiceStudio {
  let studio: ServiceStudio | undefined;
  afterEach(async () => {
    await studio?.close();
    studio = undefined;
    cleanup();
  });
  return async (launcher, initial) => (studio = await openServiceStudio(launcher, initial));
}
