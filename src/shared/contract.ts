/**
 * The whole Studio API in one place: every request channel with its request schema and response
 * type, and every event. Main (IPC), the web server (HTTP + SSE), the preload and the renderer
 * all use this file; the service implements it once.
 */
import { z } from 'zod';
import { collectionSchema, type Collection } from '../core/collections/collectionSchema.js';
import type { CollectionRun, RequestResult } from '../core/collections/runResults.js';
import type { GoPlugErrorCode } from '../core/errors.js';
import type { ChannelName } from './channels.js';
import { MAX_CONSOLE_BODY_CHARS } from './limits.js';
import type {
  BodyExample,
  ConfField,
  ConfFileInfo,
  ConfIssue,
  DescribedName,
  Disposer,
  LaunchManifest,
  LogLine,
  LogStream,
  PconfInspection,
  PconfParse,
  PluginConf,
  PluginDescription,
  PluginOrigin,
  PluginSnapshot,
  ProblemFile,
  ProcessInfo,
  ProcessSample,
  RegistryEvent,
  SocketStatus,
  StateChange,
} from '../core/types.js';

export type {
  BodyExample,
  ConfField,
  ConfFileInfo,
  ConfIssue,
  DescribedName,
  LaunchManifest,
  LogLine,
  LogStream,
  PconfInspection,
  PconfParse,
  PluginConf,
  PluginDescription,
  PluginOrigin,
  PluginSnapshot,
  ProblemFile,
  ProcessInfo,
  ProcessSample,
  SocketStatus,
  StateChange,
};
export type { Collection, CollectionRequest, Expectation } from '../core/collections/collectionSchema.js';
export { COLLECTION_SUFFIX, MAX_REQUEST_TIMEOUT_MS } from '../core/collections/collectionSchema.js';
export type { CollectionRun, Difference, RequestResult } from '../core/collections/runResults.js';
export { channelNames, ipcChannel, IPC_EVENTS_CHANNEL } from './channels.js';
export type { ChannelName } from './channels.js';

// ---------- values ----------

/** The Studio's settings: every field of `settingsPatchSchema`, each one set. */
export type Settings = Required<z.infer<typeof settingsPatchSchema>>;

export type ThemeSetting = Settings['theme'];

/** The service's own codes: what only the API can get wrong (src/service/apiError.ts). */
export type ServiceErrorCode =
  | 'UNKNOWN_CHANNEL'
  | 'INVALID_REQUEST'
  | 'FORBIDDEN'
  | 'UNSUPPORTED'
  | 'INTERNAL'
  /** addFolder: the folder does not exist; ask again with `create: true` to make it. */
  | 'FOLDER_MISSING'
  /** saveConf: the file changed on disk since the page loaded it. */
  | 'FILE_CHANGED'
  /** A console request the person cancelled (cancelExecute). */
  | 'CANCELLED';

/** The transports' codes: refusals before a call reaches the service, or an answer that is no envelope. */
export type TransportErrorCode =
  // the web server (src/web): peer, Host, Origin, token, address, method
  | 'FORBIDDEN_PEER'
  | 'FORBIDDEN_HOST'
  | 'FORBIDDEN_ORIGIN'
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  // Electron IPC (src/main): a frame that is not the Studio page
  | 'FORBIDDEN_SENDER'
  // the page's web transport: no server, or an HTTP answer without an envelope
  | 'DISCONNECTED'
  | `HTTP_${number}`;

/** Failures the page finds itself, shown the same way as the API's. */
export type PageErrorCode = 'NO_METHOD' | 'EDITOR_NOT_LOADED' | 'VIEW_FAILED';

/** Every code an ApiError may carry: GoPlug's (src/core/errors.ts), the service's, the transports', the page's. */
export type ApiErrorCode = GoPlugErrorCode | ServiceErrorCode | TransportErrorCode | PageErrorCode;

/** Errors as the API reports them: GoPlug codes plus the API's own. */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  hint: string;
}

/** Bytes cross the API as base64 so binary bodies survive JSON and structured clone alike. */
export interface EncodedBody {
  base64: string;
  size: number;
}

export type ExecuteResult =
  | {
      ok: true;
      status: number;
      headers: Record<string, string>;
      body: EncodedBody;
      durationMs: number;
      /** `curl --unix-socket ...` that sends the same request. */
      curl: string;
    }
  | { ok: false; error: ApiError; durationMs: number; curl: string };

export type PingResult = { ok: true; rttMs: number } | { ok: false; error: ApiError };

export interface HistoryEntry {
  id: string;
  method: string;
  /** The request body as sent, UTF-8 or base64 per `bodyEncoding`. */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  status: number | null;
  errorCode: string | null;
  durationMs: number;
  at: number;
  /** The person cancelled it while it was in flight (then `errorCode` is CANCELLED). */
  cancelled?: boolean;
  /** The body's Content-Type as sent, when it was not the GoPlug default (application/json). */
  contentType?: string;
}

export interface StudioSnapshot {
  plugins: PluginSnapshot[];
  problems: ProblemFile[];
  settings: Settings;
  /** A notice for the user that is not tied to a plugin (e.g. settings file was corrupt). */
  notices: string[];
  /** Electron or web: only for what the platform can do (folder picker, reveal, a desktop editor). */
  platform: { kind: 'electron' | 'web'; canPickFolder: boolean; canReveal: boolean; canOpenInEditor: boolean };
}

export interface BatchResult {
  results: Array<{ id: string; ok: boolean; error?: ApiError }>;
}

/** A launched plugin's recent output (see src/core/launcher/logBuffer.ts). */
export interface LogsPage {
  /** Oldest first; at most `limit` lines, the newest that match. */
  lines: LogLine[];
  /** More lines matched than `limit` let through. */
  truncated: boolean;
  /** Lines the buffer dropped so far to stay within its bounds (they are still in the log file). */
  evicted: number;
  /** Pass it back as `afterSeq` to get only what came since. */
  nextSeq: number;
  /** The rotated log file on disk, when there is one. */
  logPath: string | null;
  /** False when this Studio never launched the plugin (it has no captured output). */
  launched: boolean;
}

/** A launch manifest file in a watched folder, for the settings editor. */
export interface ManifestFile {
  path: string;
  fileName: string;
  folder: string;
  /** The file as text; null when it cannot be read as text. */
  text: string | null;
  /** The plugin it launches, when it is valid. */
  id: string | null;
  manifest: LaunchManifest | null;
  /** Why it is not used (invalid, conflicting with another folder's, unreadable). */
  problem: ProblemFile | null;
}

/** A .pconf the page saved (saveConf): its facts now, to compare against on the next save. */
export interface SavedConf {
  file: ConfFileInfo;
  /** The text saved is not a valid .pconf (saved anyway, on `force`): it stays a problem file. */
  invalid: boolean;
}

/** What became of a request to approve a manifest's command (see approveManifest). */
export interface ApprovalAnswer {
  approved: boolean;
  /** Exactly what runs once it is approved. */
  commandLine: string;
  /** Web mode: `goplug serve` printed a one-time code in its terminal; send it back as `code`. */
  codeSent: boolean;
}

/** A collection file the page may use: in a watched folder, or one the person picked in a dialog. */
export interface CollectionFile {
  path: string;
  fileName: string;
  /** The collection, when the file is valid. */
  collection: Collection | null;
  /** Why it cannot be used: `file:line:column: field: problem`, or why it could not be read. */
  problem: string | null;
  /** Picked by the person in a file dialog (outside the watched folders). */
  picked: boolean;
}

/** A collection run's outcome, for the file it ran. */
export type CollectionRunResult = CollectionRun & { path: string };

// ---------- request schemas ----------

export { MAX_CONSOLE_BODY_CHARS };

const id = z.string().min(1).max(4096);
/** A .pconf's text: the registry reads at most 1 MiB of a file (DEFAULT_MAX_PCONF_BYTES). */
const confText = z.string().max(1024 * 1024);
const path = z.string().min(1).max(4096);
const empty = z.object({}).strict();
const requestId = z.string().min(1).max(128);

/** A change of settings: any of their fields. The one source of the Settings type. */
export const settingsPatchSchema = z
  .object({
    folders: z.array(path).max(64),
    confExtension: z.string().regex(/^\.[A-Za-z0-9_-]{1,32}$/, 'a dot and 1-32 letters, digits, _ or -'),
    autoDiscover: z.boolean(),
    /** Poll the folders instead of waiting for the system's file events (for network mounts, which send none). */
    watchByPolling: z.boolean(),
    /** Default deadline of a console request, ms. */
    requestTimeoutMs: z.number().int().min(1).max(3_600_000),
    maxResponseBytes: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31),
    theme: z.enum(['system', 'light', 'dark']),
    /** Uids besides our own whose sockets we accept (a hostile neighbour cannot impersonate a plugin). */
    allowedSocketOwners: z.array(z.number().int().min(0)).max(64),
  })
  .partial()
  .strict();

/** A channel: its request schema and (type-only) its response. */
function channel<Res>() {
  return <S extends z.ZodType>(request: S) => ({ request, response: undefined as unknown as Res });
}

export const channels = {
  getSnapshot: channel<StudioSnapshot>()(empty),
  startPlugin: channel<PluginSnapshot>()(z.object({ id }).strict()),
  stopPlugin: channel<PluginSnapshot>()(z.object({ id }).strict()),
  startAll: channel<BatchResult>()(empty),
  stopAll: channel<BatchResult>()(empty),
  rescan: channel<void>()(empty),
  setAutoDiscover: channel<void>()(z.object({ enabled: z.boolean() }).strict()),
  execute: channel<ExecuteResult>()(
    z
      .object({
        id,
        method: z.string().min(1).max(1024),
        body: z.string().max(MAX_CONSOLE_BODY_CHARS),
        bodyEncoding: z.enum(['utf8', 'base64']).default('utf8'),
        timeoutMs: z.number().int().min(1).max(3_600_000).optional(),
        /**
         * Chosen by the page, new and random for every request (a cancel may arrive before its
         * request and is then kept for it), so that it can cancel the request while it runs.
         */
        requestId: requestId.optional(),
        /** The body's Content-Type; absent: application/json, as the Go host sends. Checked by the wire client. */
        contentType: z.string().min(1).max(256).optional(),
      })
      .strict(),
  ),
  ping: channel<PingResult>()(z.object({ id }).strict()),
  subscribe: channel<{ subscriptionId: string }>()(
    z.object({ id, callback: z.string().min(1).max(1024) }).strict(),
  ),
  unsubscribe: channel<void>()(z.object({ subscriptionId: z.string().min(1).max(128) }).strict()),
  inspect: channel<PconfInspection>()(z.object({ path }).strict()),
  getHistory: channel<HistoryEntry[]>()(z.object({ id }).strict()),
  clearHistory: channel<void>()(z.object({ id }).strict()),
  getSettings: channel<Settings>()(empty),
  updateSettings: channel<Settings>()(settingsPatchSchema),
  pickFolder: channel<{ path: string | null }>()(empty),
  reveal: channel<void>()(z.object({ path }).strict()),
  startSamples: channel<{ started: string[] }>()(z.object({ folder: path.optional() }).strict()),
  getLogs: channel<LogsPage>()(
    z
      .object({
        id,
        stream: z.enum(['stdout', 'stderr', 'supervisor']).optional(),
        search: z.string().max(1024).optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
        afterSeq: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  clearLogs: channel<void>()(z.object({ id }).strict()),
  restartPlugin: channel<PluginSnapshot>()(z.object({ id }).strict()),
  listManifests: channel<ManifestFile[]>()(empty),
  saveManifest: channel<{ path: string }>()(
    z
      .object({
        /** A watched folder; the file is named `<NameSpace><Name>.plugin.json` from the text. */
        folder: path,
        text: z.string().max(256 * 1024),
        /** The manifest being edited: removed when the saved one got another name. */
        replaces: path.optional(),
      })
      .strict(),
  ),
  deleteManifest: channel<void>()(z.object({ path }).strict()),
  /**
   * Asks the person to approve a manifest's command, outside the page: Electron shows a native
   * dialog; web mode prints a one-time code in the terminal of `goplug serve`, which the person
   * types back in (`code`).
   */
  approveManifest: channel<ApprovalAnswer>()(
    z.object({ path, code: z.string().min(1).max(32).optional() }).strict(),
  ),
  /** Removes a stopped plugin whose files are gone from the list (the one way a row goes). */
  forgetPlugin: channel<void>()(z.object({ id }).strict()),
  /**
   * Writes a launch manifest from the command line and working folder of the process that runs
   * a plugin started elsewhere, beside its .pconf. It runs only once approved (approveManifest).
   */
  rememberCommand: channel<{ path: string; commandLine: string }>()(z.object({ id }).strict()),
  /**
   * Checks a folder (absolute, a folder, readable; missing: FOLDER_MISSING unless `create`) and
   * watches it too, without reloading the plugins already listed.
   */
  addFolder: channel<Settings>()(z.object({ path, create: z.boolean().optional() }).strict()),
  /** Checks a .pconf's text being edited, as the registry would read it from `path`. */
  validateConf: channel<PconfParse>()(z.object({ path, text: confText }).strict()),
  /**
   * Replaces a .pconf in a watched folder with `text`, atomically, keeping its owner and mode.
   * Refused when the file is not as the page loaded it (`expected`: FILE_CHANGED), and when the
   * text is not a valid .pconf unless `force` (a person's "Save anyway").
   */
  saveConf: channel<SavedConf>()(
    z
      .object({
        path,
        text: confText,
        expected: z.object({ mtimeMs: z.number().nonnegative(), size: z.number().int().nonnegative() }).strict(),
        force: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Opens a .pconf of a watched folder in the desktop's editor for its type (Electron only). */
  openInEditor: channel<void>()(z.object({ path }).strict()),
  /**
   * Cancels a console request in flight (its `requestId` from execute): the plugin's connection is
   * closed and execute answers CANCELLED. `cancelled` is false when it had already finished, or had
   * not begun yet (a cancel can overtake its execute over HTTP): it is then cancelled as it begins.
   */
  cancelExecute: channel<{ cancelled: boolean }>()(z.object({ requestId }).strict()),
  /** The `*.collection.json` files in the watched folders, and those the person picked. */
  listCollections: channel<CollectionFile[]>()(empty),
  /** Writes a collection (checked first, atomically) to a file listCollections may list. */
  saveCollection: channel<{ path: string }>()(z.object({ path, collection: collectionSchema }).strict()),
  /**
   * A native dialog (desktop app only) for a collection file outside the watched folders: the
   * person's pick is the approval to read (`open`) or write (`save`) that one file.
   */
  pickCollectionFile: channel<{ path: string | null }>()(
    z.object({ purpose: z.enum(['open', 'save']), suggestedName: z.string().max(255).optional() }).strict(),
  ),
  /** Runs the collection in the file; answers when every request ran or the run was cancelled. */
  runCollection: channel<CollectionRunResult>()(z.object({ path, runId: z.string().min(1).max(128) }).strict()),
  cancelCollectionRun: channel<void>()(z.object({ runId: z.string().min(1).max(128) }).strict()),
} as const satisfies Record<ChannelName, { request: z.ZodType }>; // exactly the names in channels.ts
export type RequestOf<C extends ChannelName> = z.input<(typeof channels)[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<(typeof channels)[C]['request']>;
export type ResponseOf<C extends ChannelName> = (typeof channels)[C]['response'];

/** What a handler answers over any transport: never a thrown exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// ---------- events ----------

/** Registry events with bytes encoded for transport, plus the Studio's own. */
export type StudioEvent =
  | Exclude<RegistryEvent, { type: 'notification' }>
  | {
      type: 'notification';
      id: string;
      callback: string;
      subscriptionId: string;
      body: EncodedBody;
      at: number;
      /** Queued by the plugin before the subscription began (see RegistryEvent). */
      backlog: boolean;
    }
  | { type: 'subscription-ended'; subscriptionId: string; error?: ApiError }
  /** A request of a collection run (runCollection's runId) ended; `index` is its place in the file. */
  | { type: 'collection-result'; runId: string; index: number; result: RequestResult }
  | { type: 'settings'; settings: Settings }
  | { type: 'notice'; message: string };

/** Events arrive in batches so that 1,000 plugins changing at once do not flood the renderer. */
export type EventBatch = StudioEvent[];

/** The API as the renderer sees it, whatever the transport. */
export type StudioApi = {
  [C in ChannelName]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
} & {
  onEvents(listener: (batch: EventBatch) => void): Disposer;
};

/**
 * What the Electron preload exposes as `window.goplug`, and what the web transport provides too:
 * one named function per channel answering an envelope, plus the event subscription.
 */
export type StudioBridge = {
  [C in ChannelName]: (request: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>;
} & {
  onEvents(listener: (batch: EventBatch) => void): Disposer;
};
