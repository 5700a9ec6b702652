/**
 * Keeps the store in step with the service: a snapshot first, then event batches. Events that
 * arrive while a snapshot is on its way are held and applied after it, so none is lost or undone.
 * After the event stream drops and comes back, the snapshot is loaded again.
 */
import type { EventBatch, StudioApi } from '../../shared/contract.js';
import { toApiError } from '../api/ApiCallError.js';
import type { ConnectionWatch } from '../api/connection.js';
import type { StudioStore } from './studioStore.js';
import { countOf } from '../../shared/units.js';

export interface StudioSync {
  /** Loads a fresh snapshot; concurrent calls share one request. */
  resync(): Promise<void>;
  /** Starts listening; returns the function that stops. */
  start(connection: ConnectionWatch): () => void;
}

export function createSync(api: StudioApi, store: StudioStore): StudioSync {
  let held: EventBatch[] | null = null;
  let inFlight: Promise<void> | null = null;
  let needResync = false;

  const resync = () => {
    inFlight ??= (async () => {
      held = [];
      try {
        const snapshot = await api.getSnapshot({});
        store.getState().loadSnapshot(snapshot);
        store.getState().log({
          event: 'loaded',
          message: `${countOf(snapshot.plugins.length, 'plugin')}, ${countOf(snapshot.problems.length, 'problem file')}, watching ${snapshot.settings.folders.join(', ') || 'no folder'}`,
          level: 'info',
        });
        needResync = false;
      } catch (err) {
        needResync = true;
        const e = toApiError(err);
        store.getState().setLoadError(e);
        store.getState().toast({ level: 'error', code: e.code, message: `Could not load the plugins: ${e.message}`, hint: e.hint });
      } finally {
        const queued = held.flat();
        held = null;
        inFlight = null;
        if (queued.length > 0) store.getState().applyBatch(queued);
      }
    })();
    return inFlight;
  };

  const start = (connection: ConnectionWatch) => {
    const offEvents = api.onEvents((batch) => {
      if (held) held.push(batch);
      else store.getState().applyBatch(batch);
    });
    const offConnection = connection.onConnectionChange((connected) => {
      store.getState().setConnected(connected);
      if (!connected) needResync = true;
      else if (needResync) void resync();
    });
    void resync();
    return () => {
      offEvents();
      offConnection();
    };
  };

  return { resync, start };
}
