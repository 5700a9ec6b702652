/**
 * The Studio's service layer: every channel of the API (src/shared/contract.ts) behind one
 * `invoke`, plus batched events. Electron main (IPC) and the web server (HTTP + SSE) are thin
 * transports over it; nothing here knows about either.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { disposer } from '../core/disposers.js';
import type { Disposer } from '../core/types.js';
import { ProcessSupervisor, type SupervisorOptions } from '../core/launcher/index.js';
import {
  channels,
  type ChannelName,
  type Envelope,
  type EventBatch,
  type RequestOf,
  type ResponseOf,
  type StudioEvent,
  type StudioSnapshot,
} from '../shared/contract.js';
import { invalidRequest, ServiceError, toApiError } from './apiError.js';
import { ApprovalCodes } from './approvalCodes.js';
import { ApprovalStore } from './approvalStore.js';
import type { Handlers, PlatformHandlers, ServiceContext } from './context.js';
import { approvalHandlers } from './handlers/approvals.js';
import { EventBatcher, type BatcherStats } from './eventBatcher.js';
import { confEditHandlers } from './handlers/confEdits.js';
import { collectionHandlers } from './handlers/collections.js';
import { consoleHandlers } from './handlers/console.js';
import { fileHandlers } from './handlers/files.js';
import { launchedHandlers } from './handlers/launched.js';
import { manifestHandlers } from './handlers/manifests.js';
import { pluginHandlers } from './handlers/plugins.js';
import { sampleHandlers } from './handlers/samples.js';
import { settingsHandlers } from './handlers/settings.js';
import { HistoryStore } from './history.js';
import { RegistryHost } from './registryHost.js';
import { SampleProcesses } from './sampleProcesses.js';
import { isSampleCommand, sampleLaunch, type SampleOptions } from './samples.js';
import { SettingsStore } from './settings.js';
import { Subscriptions } from './subscriptions.js';

export type { ApprovalRequest, PlatformHandlers } from './context.js';

export interface StudioServiceOptions {
  /** Where settings.json and history.json live. Created (0700) if missing. */
  dataDir: string;
  /** The plugin folder when the settings name none yet. */
  defaultFolder: string;
  /** `canOpenInEditor` follows from `platformHandlers.openInEditor`. */
  platform: Omit<StudioSnapshot['platform'], 'canOpenInEditor'>;
  /** Folder picker, "reveal", "open in your editor": absent ones answer UNSUPPORTED. */
  platformHandlers?: PlatformHandlers;
  /** Events are sent at most this often, in batches. Default 50 ms. */
  eventBatchMs?: number;
  /** At most this many events wait for the next batch (see eventBatcher.ts). Default 10,000. */
  maxPendingEvents?: number;
  /** Ping started plugins this often to notice ones that went away; 0 = off. Default 5,000 ms. */
  healthCheckMs?: number;
  /** Sample plugins for startSamples: catalog and deadlines. Default: the bundled catalog. */
  samples?: SampleOptions;
  /** Process supervision (backoff, crash budget, log sizes); log files go to `<dataDir>/logs`. */
  launcher?: Omit<SupervisorOptions, 'logDir'>;
}

const MAX_NOTICES = 50;
export class StudioService {
  readonly #handlers: Handlers;
  readonly #ctx: ServiceContext;
  readonly #batcher: EventBatcher;
  readonly #listeners: Set<(batch: EventBatch) => void>;
  #closing: Promise<void> | undefined;

  private constructor(parts: {
    handlers: Handlers;
    ctx: ServiceContext;
    batcher: EventBatcher;
    listeners: Set<(batch: EventBatch) => void>;
  }) {
    this.#handlers = parts.handlers;
    this.#ctx = parts.ctx;
    this.#batcher = parts.batcher;
    this.#listeners = parts.listeners;
  }

  static async create(options: StudioServiceOptions): Promise<StudioService> {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    const listeners = new Set<(batch: EventBatch) => void>();
    const batcher = new EventBatcher({
      intervalMs: options.eventBatchMs ?? 50,
      maxPending: options.maxPendingEvents,
      deliver: (batch) => deliver(listeners, batch),
    });
    const notices: string[] = [];
    const notice = (message: string): void => {
      notices.push(message);
      if (notices.length > MAX_NOTICES) notices.shift();
      batcher.push({ type: 'notice', message });
    };
    const subscriptions = new Subscriptions((event) => batcher.push(event));
    const emit = (event: StudioEvent): void => batcher.push(event);

    const settingsLoad = await SettingsStore.load(options.dataDir, options.defaultFolder);
    const historyLoad = await HistoryStore.load(options.dataDir, notice);
    const approvalsLoad = await ApprovalStore.open(options.dataDir, { watch: true });
    for (const message of [settingsLoad.notice, historyLoad.notice, approvalsLoad.notice])
      if (message !== undefined) notice(message);
    const approvals = approvalsLoad.store;
    const supervisor = new ProcessSupervisor({ ...options.launcher, logDir: join(options.dataDir, 'logs') });
    const host = await RegistryHost.open(settingsLoad.store.get(), {
      emit,
      healthCheckMs: options.healthCheckMs ?? 5_000,
      launcher: supervisor,
      onReopen: () => subscriptions.removeAll(),
      // Our samples' own commands are known from the catalog; anything else needs a person's approval.
      approvals: {
        isApproved: (path, manifest) =>
          isSampleCommand(manifest, options.samples?.python) || approvals.isApproved(path, manifest),
        onChange: (listener) => approvals.onChange(listener),
      },
      warn: notice,
      knownCommand: (id, origin) => sampleLaunch(id, origin.argv, options.samples?.python),
    });

    const handlers = options.platformHandlers ?? {};
    const ctx: ServiceContext = {
      host,
      settings: settingsLoad.store,
      history: historyLoad.store,
      subscriptions,
      platform: {
        kind: options.platform.kind,
        canPickFolder: options.platform.canPickFolder && handlers.pickFolder !== undefined,
        canReveal: options.platform.canReveal && handlers.reveal !== undefined,
        canOpenInEditor: handlers.openInEditor !== undefined,
      },
      platformHandlers: handlers,
      samples: new SampleProcesses({ ...options.samples, supervisor }, notice),
      supervisor,
      approvals,
      approvalCodes: new ApprovalCodes(),
      emit,
      notice,
      notices: () => [...notices],
    };
    return new StudioService({
      ctx,
      batcher,
      listeners,
      handlers: {
        ...pluginHandlers(ctx),
        ...consoleHandlers(ctx),
        ...fileHandlers(ctx),
        ...confEditHandlers(ctx),
        ...settingsHandlers(ctx),
        ...sampleHandlers(ctx),
        ...launchedHandlers(ctx),
        ...manifestHandlers(ctx),
        ...approvalHandlers(ctx),
        ...collectionHandlers(ctx),
      },
    });
  }

  /**
   * Runs one API call. Never throws: an unknown channel, an invalid request and every failure
   * come back as `{ ok: false, error }` (GoPlug errors keep their code and hint).
   */
  async invoke(channel: string, rawRequest: unknown): Promise<Envelope<unknown>> {
    if (!Object.hasOwn(channels, channel)) {
      return fail(new ServiceError('UNKNOWN_CHANNEL', `Unknown channel ${JSON.stringify(channel)}`));
    }
    const name = channel as ChannelName;
    if (this.#closing !== undefined) return fail(new ServiceError('INTERNAL', 'The Studio is shutting down'));
    // Channels without fields may be called without a body.
    const parsed = channels[name].request.safeParse(rawRequest === undefined ? {} : rawRequest);
    if (!parsed.success) return fail(invalidRequest(name, parsed.error));
    try {
      const handler = this.#handlers[name] as (request: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      return fail(err);
    }
  }

  /** `invoke` with the channel's request and response types. */
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf<C>>> {
    return this.invoke(channel, request) as Promise<Envelope<ResponseOf<C>>>;
  }

  /** Receives every event batch from now on; returns the function that stops it. */
  onEvents(listener: (batch: EventBatch) => void): Disposer {
    this.#listeners.add(listener);
    return disposer(() => this.#listeners.delete(listener));
  }

  /** How the event batching went (coalesced events, forced flushes). */
  eventStats(): BatcherStats {
    return this.#batcher.stats();
  }

  /**
   * Ends subscriptions, stops the processes this service launched (samples and plugins started
   * from their manifests; no other process), closes the registry, saves history and sends the
   * last events.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const ctx = this.#ctx;
      ctx.subscriptions.removeAll();
      await ctx.samples.stopAll();
      await ctx.host.close();
      ctx.approvals.close();
      await ctx.supervisor.close();
      await ctx.history.flush();
      this.#batcher.close();
      this.#listeners.clear();
    })();
    return this.#closing;
  }
}

function fail(err: unknown): Envelope<never> {
  return { ok: false, error: toApiError(err) };
}

/** One listener throwing must not keep the batch from the others. */
function deliver(listeners: Set<(batch: EventBatch) => void>, batch: EventBatch): void {
  for (const listener of [...listeners]) {
    try {
      listener(batch);
    } catch (err) {
      process.emitWarning(`A Studio event listener failed: ${(err as Error).message}`);
    }
  }
}
