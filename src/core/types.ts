/**
 * The shapes the core shares with its users (CLI, Studio service, IPC contract). Plain data
 * only, so that every one of them can be sent over IPC or printed as JSON.
 */
import type { z } from 'zod';
import type { ErrorInfo } from './errors.js';
import type { manifestSchema } from './launcher/manifestSchema.js';

// ---------- .pconf ----------

/** A problem found in a .pconf, with its place in the file where there is one (1-based). */
export interface ConfIssue {
  message: string;
  line?: number;
  column?: number;
  /** The .pconf key the issue is about, as the Go struct names it (Name, Sock, ...). */
  field?: string;
}

export type ConfField = 'Name' | 'NameSpace' | 'Url' | 'Sock' | 'LazyLoad';

/** A parsed .pconf with the Go defaults applied. */
export interface PluginConf {
  name: string;
  namespace: string;
  url: string;
  /** Absolute socket path (a relative Sock is resolved against the .pconf's folder, with a warning). */
  sock: string;
  lazyLoad: boolean;
  /** Fields the file did not set, whose value is the default. */
  defaulted: ConfField[];
  /** Unknown keys, kept as they were. */
  extras: Record<string, unknown>;
}

export type PconfParse =
  | { ok: true; conf: PluginConf; warnings: ConfIssue[] }
  | {
      ok: false;
      error: ConfIssue;
      warnings: ConfIssue[];
      /** Empty or truncated JSON: most likely still being written, so re-read before reporting. */
      incomplete: boolean;
    };

/** Facts about the file itself, for the inspector. */
export interface ConfFileInfo {
  path: string;
  size: number;
  mtimeMs: number;
  mode: number;
  uid: number;
}

// ---------- registry ----------

export type PluginState = 'stopped' | 'discovered' | 'starting' | 'started' | 'stopping';

export interface StateChange {
  state: PluginState;
  at: number;
  /** Why, when it is not the obvious next step (e.g. "socket refused", "pconf removed"). */
  reason?: string;
}

export interface PluginSnapshot {
  /** `NameSpace/Name`, or `Name` when the namespace is empty. */
  id: string;
  namespace: string;
  name: string;
  state: PluginState;
  lazyLoad: boolean;
  url: string;
  sock: string;
  /** The .pconf this plugin was read from (empty when not known yet). */
  confPath: string;
  /** Method names from Activate, empty names dropped. Empty until started. */
  methods: string[];
  /** Bytes the activator appended after the method array, as UTF-8 text (may be empty). */
  activationOutput: string;
  warnings: ConfIssue[];
  extras: Record<string, unknown>;
  /** The last error; cleared by a successful start. */
  error: ErrorInfo | null;
  /** The last attempt to reach the socket failed (connect refused, gone, timed out). */
  unreachable: boolean;
  /** Newest last, bounded. */
  history: StateChange[];
  /** The launch manifest (`<NameSpace><Name>.plugin.json`) that makes this plugin startable as a process. */
  manifestPath?: string;
  manifest?: LaunchManifest;
  /** The process a supervisor launched for this plugin (present once it was launched here). */
  process?: ProcessInfo;
  /**
   * Its manifest's command is new or changed and waits for a person's approval (outside the page):
   * it is not launched until then. `commandLine` is exactly what would run.
   */
  waitingApproval?: { commandLine: string };
  /** How its process runs and who started it (issue 14); absent until the registry has looked. */
  origin?: PluginOrigin;
  /**
   * Its .pconf is gone (the process ended or was stopped): the plugin stays listed, Stopped, with
   * its last .pconf's fields, methods and history, until a person forgets it.
   */
  confRemoved?: boolean;
  /** Times the same id came back (a new .pconf after its process had ended), seen by this registry. */
  restarts?: number;
  /**
   * This host can launch its process: from its launch manifest, as its supervisor did before, or
   * because it was started elsewhere with a command this host knows as its own (the samples).
   */
  launchable?: boolean;
  /**
   * Grows with every event about the plugin: a snapshot answered by a call that is older than one
   * an event already brought is not shown over it. Starts again with a new registry.
   */
  rev?: number;
  /**
   * What the plugin says about its methods and callbacks (the describe extension, docs/PROTOCOL.md),
   * asked for after each activation; absent until then (a LazyLoad plugin not started has none).
   */
  description?: PluginDescription;
}

/** An example body, as text, with the Content-Type it is meant to be sent with. */
export interface BodyExample {
  body: string;
  contentType: string;
}

/** A method or a callback as the plugin describes it. */
export interface DescribedName {
  name: string;
  description?: string;
  example?: BodyExample;
}

/**
 * A started plugin's description. `methods` are Activate's names, in its order, each with what the
 * plugin said of it. `source`: `plugin` when it answered the describe request; `none` when it does
 * not know the extension (a Go plugin: its names alone); `invalid` when its answer could not be
 * used or did not come in time (`warning` says why).
 */
export interface PluginDescription {
  source: 'plugin' | 'none' | 'invalid';
  methods: DescribedName[];
  callbacks: DescribedName[];
  warning?: string;
}

/**
 * Who runs a plugin's process. `studio`: launched by this Studio (the samples); `manifest`: by a
 * launch manifest's supervisor; `outside`: by its own host application or by hand; `unknown`: no
 * process could be found for its socket.
 */
export interface PluginOrigin {
  kind: 'studio' | 'manifest' | 'outside' | 'unknown';
  /** The process serving the socket, where the OS lets us see it. */
  pid: number | null;
  /** Its argv as the OS reports it (Linux: /proc/<pid>/cmdline); null when not visible. */
  argv: string[] | null;
  cwd: string | null;
  /** Where the pid came from: our own supervisor, the .pconf's `Pid` key (TypeScript SDK), or the socket's owner. */
  source: 'launched' | 'pconf' | 'socket-owner' | null;
  /** The .pconf announced this `Pid`, but that process does not serve the socket (so it is not believed). */
  pconfPid?: number;
  /** The process that started it (e.g. `goplug demo` or its host application), when it is not init. */
  parent?: { pid: number; argv: string[] | null };
}

// ---------- launcher ----------

/** A launch manifest with defaults applied; command and cwd are absolute when read from a file. */
export type LaunchManifest = Omit<z.output<typeof manifestSchema>, 'cwd'> & { cwd: string };

export type RestartPolicy = LaunchManifest['restart'];

/**
 * starting: spawned, waiting for its .pconf and socket. running: ready. stopping: being stopped.
 * backoff: crashed, a restart is scheduled (`nextRestartAt`). fatal: crashed too often, not
 * restarted until the user starts it again. exited: not running (stopped, or exited by itself).
 */
export type ProcessState = 'starting' | 'running' | 'stopping' | 'backoff' | 'fatal' | 'exited';

export interface ProcessExit {
  /** Exit code, or null when a signal ended the process. */
  code: number | null;
  signal: string | null;
  at: number;
  /** Whether the user (or the host closing) asked for it. */
  requested: boolean;
}

export interface ProcessInfo {
  state: ProcessState;
  /** The running process, else null. */
  pid: number | null;
  command: string;
  /** When the running process was spawned (epoch ms), else null. */
  startedAt: number | null;
  /** Time since startedAt when this was taken, else null. */
  uptimeMs: number | null;
  /** Automatic restarts since the user last started it. */
  restarts: number;
  /** Crashes counted against the budget now (within its window). */
  recentCrashes: number;
  lastExit: ProcessExit | null;
  /** In backoff: when the next attempt is due (epoch ms). */
  nextRestartAt: number | null;
  /** Percent of one CPU over the last sample interval (the first: since start); null until sampled. */
  cpuPercent: number | null;
  rssBytes: number | null;
  /** Why the process is not running, in words (crash, gave up, failed to start). */
  message: string | null;
}

export type LogStream = 'stdout' | 'stderr' | 'supervisor';

/** One line of a plugin's output (or a line the supervisor adds, e.g. "exited with code 1"). */
export interface LogLine {
  /** Increases by one per line of this plugin, across restarts; never reused. */
  seq: number;
  at: number;
  stream: LogStream;
  text: string;
}

export type ProcessChange = 'spawned' | 'ready' | 'exited' | 'restarting' | 'fatal' | 'stopped';

export interface ProcessSample {
  id: string;
  pid: number;
  cpuPercent: number | null;
  rssBytes: number | null;
}

export type ProblemKind =
  | 'invalid' // not a valid .pconf
  | 'conflict' // valid, but another file claims the same id and won
  | 'not-regular' // FIFO, device, directory, socket, or a symlink to one
  | 'too-large'
  | 'unreadable' // permissions, I/O error
  | 'insecure'; // refused for security reasons (e.g. socket owned by another user)

export interface ProblemFile {
  path: string;
  fileName: string;
  kind: ProblemKind;
  /** One line a person understands, naming the problem. */
  reason: string;
  line?: number;
  column?: number;
  /** For conflicts: the id both claim, and the file that won. */
  id?: string;
  winner?: string;
}

export type RegistryEvent =
  | {
      type: 'discovered' | 'changed' | 'starting' | 'started' | 'stopping' | 'stopped' | 'removed';
      plugin: PluginSnapshot;
    }
  | { type: 'error'; id?: string; path?: string; error: ErrorInfo }
  | { type: 'warning'; id?: string; path?: string; message: string }
  | { type: 'conflict'; id: string; winner: string; loser: string }
  | { type: 'problem'; problem: ProblemFile }
  | { type: 'problem-cleared'; path: string }
  /** `backlog`: it waited in the plugin's queue since before the subscription began (docs/PROTOCOL.md). */
  | { type: 'notification'; id: string; callback: string; body: Uint8Array; at: number; backlog: boolean }
  /** New output lines of a launched plugin, in order. */
  | { type: 'log'; id: string; lines: LogLine[] }
  /** A launched process changed (spawned, ready, exited, restarting, gave up, stopped). */
  | { type: 'process'; id: string; change: ProcessChange; message: string; process: ProcessInfo }
  /** CPU and memory of the running launched processes, sampled periodically. */
  | { type: 'process-stats'; samples: ProcessSample[]; at: number };

/**
 * Ends a registration (a listener, a subscription, a forwarder): the one teardown shape. Calling
 * it again does nothing. Whoever keeps the registration owns it (see src/core/disposers.ts).
 */
export type Disposer = () => void;

// ---------- wire ----------
// CallOptions and WireResponse live in src/core/wire/types.ts: they hold Node Buffers, and this file
// must type-check without Node types because the renderer sees it through src/shared/contract.ts.

// ---------- inspector ----------

/** What a socket path points at, for the inspector and for diagnosing a plugin that will not start. */
export interface SocketStatus {
  path: string;
  exists: boolean;
  isSocket: boolean;
  /** Permission bits as octal text, e.g. "0600". */
  mode?: string;
  uid?: number;
  /** User name when known, else the uid as text. */
  owner?: string;
  /** A connection succeeded within the deadline; null when not tried (no socket). */
  reachable: boolean | null;
  error?: string;
}

/** Everything the inspector shows about one .pconf. */
export interface PconfInspection {
  path: string;
  fileName: string;
  file?: ConfFileInfo;
  /** The file as UTF-8 text; null when it is not text (binary, not a regular file). */
  raw: string | null;
  rawTruncated: boolean;
  result: PconfParse | null;
  problem?: ProblemFile;
  socket: SocketStatus | null;
}
