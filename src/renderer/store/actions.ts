/**
 * What the user can do that needs the Studio service. Each action gives feedback at once (pending
 * state), and every failure becomes a toast that is also written to the activity log.
 */
import type {
  ApiError,
  ApprovalAnswer,
  ManifestFile,
  PconfInspection,
  PconfParse,
  SavedConf,
  Settings,
  StudioApi,
} from '../../shared/contract.js';
import { toApiError } from '../api/ApiCallError.js';
import { runsElsewhere } from '../lib/pluginOrigin.js';
import { newRequestId, parseTimeout, requestContentType } from '../lib/consoleRequest.js';
import { createCollectionActions, type CollectionActions } from './collectionActions.js';
import { EMPTY_CONSOLE, type StudioStore } from './studioStore.js';
import { LOG_LINES_KEPT, type LogQuery, type StopAnswer } from './types.js';
import { countOf } from '../../shared/units.js';

export interface StudioActions extends CollectionActions {
  /** Starts or stops it; a stop of a plugin the Studio did not launch asks first. */
  togglePlugin(id: string): Promise<void>;
  /** Starts a plugin that is not started (the list's Start selected). */
  startPlugin(id: string): Promise<void>;
  /** Brings back a launched plugin (e.g. one given up on: Fatal) with a fresh crash budget. */
  restartPlugin(id: string): Promise<void>;
  /** Stops a launched plugin, or cancels the restart it waits for (backoff). */
  stopPlugin(id: string): Promise<void>;
  startAll(): Promise<void>;
  /** Asks first when it would end plugins the Studio did not launch, naming them. */
  stopAll(): Promise<void>;
  /** Removes a stopped plugin whose files are gone from the list. */
  forgetPlugin(id: string): Promise<void>;
  /** Writes a launch manifest from an outside plugin's command; it waits for approval. Resolves whether it was written. */
  rememberCommand(id: string): Promise<boolean>;
  rescan(): Promise<void>;
  setAutoDiscover(enabled: boolean): Promise<void>;
  send(id: string): Promise<void>;
  /** Cancels the console request of this plugin that is in flight, if one is. */
  cancelSend(id: string): Promise<void>;
  ping(id: string): Promise<void>;
  loadHistory(id: string): Promise<void>;
  clearHistory(id: string): Promise<void>;
  subscribe(id: string, callback: string): Promise<void>;
  unsubscribe(subscriptionId: string): Promise<void>;
  /** Throws ApiCallError: the pconf tab shows the failure in place. */
  inspect(path: string): Promise<PconfInspection>;
  /** Throws ApiCallError: the pconf editor shows the failure in place. */
  validateConf(path: string, text: string): Promise<PconfParse>;
  /**
   * Replaces a .pconf with `text` if it is still as loaded (`expected`) and valid, or anyway when
   * `force`. Throws ApiCallError (FILE_CHANGED, CONFIG_INVALID, ...): the editor offers what to do.
   */
  saveConf(path: string, text: string, expected: { mtimeMs: number; size: number }, force: boolean): Promise<SavedConf>;
  /** Opens a .pconf in the desktop's editor; a failure is a toast. */
  openInEditor(path: string): Promise<void>;
  /** Resolves true when the service accepted the change. */
  updateSettings(patch: Partial<Settings>): Promise<boolean>;
  /** Asks the platform's folder picker; null when cancelled or failed. */
  pickFolder(): Promise<string | null>;
  /** Checks and watches a folder; 'missing' when it does not exist (ask again with `create`). */
  addFolder(path: string, create?: boolean): Promise<'added' | 'missing' | 'failed'>;
  reveal(path: string): Promise<void>;
  startSamples(folder?: string): Promise<void>;
  /** Opens (or re-queries) a plugin's Logs view: the newest matching lines, then live output. */
  loadLogs(id: string, query: LogQuery): Promise<void>;
  clearLogs(id: string): Promise<void>;
  /** Throws ApiCallError: the settings page shows the failure in place. */
  listManifests(): Promise<ManifestFile[]>;
  /** Throws ApiCallError, so that the editor can show what is wrong beside the text. */
  saveManifest(folder: string, text: string, replaces?: string): Promise<string>;
  /** Resolves true when the file is gone. */
  deleteManifest(path: string): Promise<boolean>;
  /**
   * Asks for approval of a manifest's command (a native dialog, or in web mode a code printed by
   * goplug serve, sent back as `code`). Throws ApiCallError: the card shows it in place.
   */
  approveManifest(path: string, code?: string): Promise<ApprovalAnswer>;
  /** Reloads everything from the service (after a reconnect, or on request). */
  reload(): Promise<void>;
}

export function createActions(api: StudioApi, store: StudioStore, reload: () => Promise<void>): StudioActions {
  const state = () => store.getState();

  const fail = (err: unknown, what: string, plugin?: string) => {
    const e = toApiError(err);
    state().toast({ level: 'error', code: e.code, message: `${what}: ${e.message}`, hint: e.hint, ...(plugin ? { plugin } : {}) });
  };

  /** Runs `work`; a failure becomes a toast "<what>: <why>" (about `plugin` when given). Resolves whether it succeeded. */
  const attempt = async (what: string, work: () => Promise<unknown>, plugin?: string): Promise<boolean> => {
    try {
      await work();
      return true;
    } catch (err) {
      fail(err, what, plugin);
      return false;
    }
  };

  /**
   * Every stop goes through here: stopping plugins the Studio did not launch waits for the
   * person's answer in the stop dialog; others need none.
   */
  const confirmStop = (ids: string[], all = false): Promise<StopAnswer> => {
    const outside = ids.filter((id) => {
      const plugin = state().plugins[id];
      return plugin !== undefined && runsElsewhere(plugin);
    });
    if (outside.length === 0) return Promise.resolve('stop');
    // A dialog already open (another stop asked meanwhile) is answered "cancel" first.
    state().confirmation?.answer('cancel');
    return new Promise((resolve) => {
      state().setConfirmation({
        ids,
        all,
        outside,
        answer: (choice) => {
          state().setConfirmation(null);
          resolve(choice);
        },
      });
    });
  };

  const rememberCommand = (id: string) =>
    attempt(
      `Could not remember the command of ${id}`,
      async () => {
        const { path } = await api.rememberCommand({ id });
        state().log({ event: 'command remembered', plugin: id, message: `${path}: waits for your approval`, level: 'info' });
      },
      id,
    );

  const batch = (what: 'start' | 'stop') =>
    attempt(what === 'start' ? 'Start all failed' : 'Stop all failed', async () => {
      if (what === 'stop') {
        const started = Object.values(state().plugins).filter((p) => p.state === 'started').map((p) => p.id);
        if ((await confirmStop(started, true)) === 'cancel') return;
      }
      const { results } = what === 'start' ? await api.startAll({}) : await api.stopAll({});
      const failed = results.filter((r) => !r.ok);
      for (const r of failed) if (r.error) state().setRowFailure(r.id, r.error);
      if (failed.length > 0) {
        const first = failed[0]?.error;
        state().toast({
          level: 'error',
          code: first?.code,
          message: `${failed.length} of ${results.length} plugins failed to ${what}; the first: ${failed[0]?.id}: ${first?.message ?? 'unknown error'}`,
          hint: first?.hint,
        });
      }
    });

  const loadHistory = async (id: string) => {
    const what = `Could not load the history of ${id}`;
    await attempt(what, async () => state().updateConsole(id, { history: await api.getHistory({ id }) }), id);
  };

  const updateSettings = (patch: Partial<Settings>) =>
    attempt('Settings not saved', async () => state().setSettings(await api.updateSettings(patch)));

  /** One lifecycle call at a time per plugin, shown as pending; a failure goes on the row and in a toast. */
  const transition = async (id: string, action: 'start' | 'stop' | 'restart') => {
    if (!state().plugins[id] || state().pending[id]) return;
    if (action === 'stop') {
      const answer = await confirmStop([id]);
      if (answer === 'cancel') return;
      if (answer === 'remember' && !(await rememberCommand(id))) return;
    }
    state().setPending(id, action === 'stop' ? 'stop' : 'start');
    state().setRowFailure(id, null);
    try {
      const call = action === 'start' ? api.startPlugin : action === 'stop' ? api.stopPlugin : api.restartPlugin;
      state().putPlugin(await call({ id }));
    } catch (err) {
      state().setRowFailure(id, toApiError(err));
      fail(err, `Could not ${action} ${id}`, id);
    } finally {
      state().setPending(id, null);
    }
  };

  return {
    togglePlugin: (id) => transition(id, state().plugins[id]?.state === 'started' ? 'stop' : 'start'),
    startPlugin: (id) => transition(id, 'start'),
    restartPlugin: (id) => transition(id, 'restart'),
    stopPlugin: (id) => transition(id, 'stop'),

    startAll: async () => void (await batch('start')),
    stopAll: async () => void (await batch('stop')),

    async forgetPlugin(id) {
      await attempt(`Could not forget ${id}`, async () => {
        await api.forgetPlugin({ id });
        state().log({ event: 'forgotten', plugin: id, message: 'removed from the list', level: 'info' });
      }, id);
    },

    rememberCommand,

    async rescan() {
      await attempt('Rescan failed', async () => {
        await api.rescan({});
        state().log({ event: 'rescan', message: 'watched folders scanned again', level: 'info' });
      });
    },

    async setAutoDiscover(enabled) {
      await attempt(`Could not turn auto-discover ${enabled ? 'on' : 'off'}`, async () => {
        await api.setAutoDiscover({ enabled });
        const settings = state().settings;
        if (settings) state().setSettings({ ...settings, autoDiscover: enabled });
      });
    },

    async send(id) {
      const c = state().consoles[id] ?? EMPTY_CONSOLE;
      if (c.sending) return;
      const method = c.method.trim().replace(/^\/+/, '');
      const refuse = (error: ApiError) =>
        state().updateConsole(id, { resultMethod: method || null, result: { ok: false, error, durationMs: 0, curl: '' } });
      if (method === '') {
        refuse({ code: 'NO_METHOD', message: 'No method to call.', hint: 'Pick a method from the list or type its name.' });
        return;
      }
      const timeout = parseTimeout(c.timeout);
      if (!timeout.ok) {
        refuse({ code: 'INVALID_REQUEST', message: timeout.reason, hint: 'Fix the Timeout field beside Send.' });
        return;
      }
      const requestId = newRequestId();
      state().updateConsole(id, { sending: true, requestId });
      const timeoutMs = timeout.ms ?? state().settings?.requestTimeoutMs;
      const contentType = requestContentType(c.mode, c.bodyEncoding);
      try {
        const result = await api.execute({
          id,
          method,
          body: c.body,
          bodyEncoding: c.bodyEncoding,
          requestId,
          ...(timeoutMs ? { timeoutMs } : {}),
          ...(contentType === undefined ? {} : { contentType }),
        });
        state().updateConsole(id, { result, resultMethod: method });
      } catch (err) {
        state().updateConsole(id, { result: { ok: false, error: toApiError(err), durationMs: 0, curl: '' }, resultMethod: method });
      } finally {
        state().updateConsole(id, { sending: false, requestId: null });
      }
      await loadHistory(id);
    },

    async cancelSend(id) {
      const requestId = state().consoles[id]?.requestId;
      if (!requestId) return;
      // The execute call answers CANCELLED and ends the sending state; nothing more to do here.
      await attempt(`Could not cancel the request to ${id}`, () => api.cancelExecute({ requestId }), id);
    },

    async ping(id) {
      state().updateConsole(id, { pinging: true });
      try {
        state().updateConsole(id, { ping: await api.ping({ id }) });
      } catch (err) {
        state().updateConsole(id, { ping: { ok: false, error: toApiError(err) } });
      } finally {
        state().updateConsole(id, { pinging: false });
      }
    },

    loadHistory,

    async clearHistory(id) {
      await attempt(`Could not clear the history of ${id}`, async () => {
        await api.clearHistory({ id });
        state().updateConsole(id, { history: [] });
      }, id);
    },

    async subscribe(id, callback) {
      await attempt(`Could not subscribe to ${callback}`, async () => {
        const { subscriptionId } = await api.subscribe({ id, callback });
        state().addSubscription({ subscriptionId, pluginId: id, callback });
        state().log({ event: 'subscribed', plugin: id, message: `listening for ${callback}`, level: 'info' });
      }, id);
    },

    async unsubscribe(subscriptionId) {
      const sub = state().subscriptions[subscriptionId];
      if (!sub) return;
      await attempt(`Could not unsubscribe from ${sub.callback}`, async () => {
        // An ended subscription is already gone on the service's side.
        if (!sub.ended) await api.unsubscribe({ subscriptionId });
        state().removeSubscription(subscriptionId);
      }, sub.pluginId);
    },

    inspect: async (path) => api.inspect({ path }),
    validateConf: async (path, text) => api.validateConf({ path, text }),
    saveConf: async (path, text, expected, force) => api.saveConf({ path, text, expected, ...(force ? { force } : {}) }),
    async openInEditor(path) {
      await attempt(`Could not open ${path} in your editor`, () => api.openInEditor({ path }));
    },

    updateSettings,

    async pickFolder() {
      let path: string | null = null;
      await attempt('Could not open the folder picker', async () => (path = (await api.pickFolder({})).path));
      return path;
    },

    async addFolder(path, create) {
      try {
        state().setSettings(await api.addFolder(create ? { path, create } : { path }));
        state().toast({ level: 'info', message: `Watching ${path}${create ? ' (created)' : ''}` });
        return 'added';
      } catch (err) {
        if (toApiError(err).code === 'FOLDER_MISSING') return 'missing';
        fail(err, 'Folder not added');
        return 'failed';
      }
    },

    async reveal(path) {
      await attempt(`Could not reveal ${path}`, () => api.reveal({ path }));
    },

    async startSamples(folder) {
      await attempt('Could not start the sample plugins', async () => {
        const { started } = await api.startSamples(folder ? { folder } : {});
        // Show them even when auto-discover is off or the folder was only just created.
        await api.rescan({});
        state().toast({ level: 'info', message: `Started ${countOf(started.length, 'sample plugin')}: ${started.join(', ')}` });
      });
    },

    async loadLogs(id, query) {
      const request = state().openLogs(id, query);
      try {
        const page = await api.getLogs({
          id,
          limit: LOG_LINES_KEPT,
          ...(query.stream === 'all' ? {} : { stream: query.stream }),
          ...(query.search === '' ? {} : { search: query.search }),
        });
        state().setLogsPage(id, request, page);
      } catch (err) {
        state().setLogsError(id, request, toApiError(err));
      }
    },

    async clearLogs(id) {
      await attempt(`Could not clear the output of ${id}`, async () => {
        await api.clearLogs({ id });
        state().clearLogLines(id);
      }, id);
    },

    listManifests: () => api.listManifests({}),

    async saveManifest(folder, text, replaces) {
      const { path } = await api.saveManifest({ folder, text, ...(replaces ? { replaces } : {}) });
      state().log({ event: 'manifest saved', message: path, level: 'info' });
      return path;
    },

    deleteManifest: (path) =>
      attempt(`Could not delete ${path}`, async () => {
        await api.deleteManifest({ path });
        state().log({ event: 'manifest deleted', message: path, level: 'info' });
      }),

    async approveManifest(path, code) {
      const answer = await api.approveManifest(code === undefined ? { path } : { path, code });
      if (answer.approved) state().log({ event: 'command approved', message: path, level: 'info' });
      return answer;
    },

    reload,
    ...createCollectionActions(api, store),
  };
}
