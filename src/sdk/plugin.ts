/**
 * The plugin side of GoPlug in TypeScript: an HTTP/1.1 server on a Unix socket, announced by a
 * `.pconf`, that the original Go host (and our registry) can drive. Wire behaviour follows the
 * Go plugin (see docs/PROTOCOL.md, "Plugin side (SDK)"); where the Go plugin loses data or hangs,
 * we do not, and the differences are listed there.
 *
 * This file is the plugin's lifecycle (listen, .pconf, stop); requestRouter.ts answers requests.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { unlinkSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GoPlugError } from '../core/errors.js';
import { errnoCode } from '../core/files/errno.js';
import { formatPluginId, goFileStem } from '../core/pluginId.js';
import { writePconfAtomic } from '../core/pconf/write.js';
import { isBuiltIn } from '../core/builtinMethods.js';
import type { DescribedName } from '../core/types.js';
import type { CallContext } from './callContext.js';
import { describeBody, describedName, type DescribeOptions } from './describe.js';
import { NotificationQueue } from './notificationQueue.js';
import { RequestRouter, type LongPoll } from './requestRouter.js';
import { assertSocketPathFits, clearStaleSocket } from './socketFile.js';
import { withStartLock } from './startLock.js';
import { toBytes, type Payload } from './toBytes.js';

export interface PluginOptions {
  /** Discovery folder for the .pconf and the socket. Default: $GOPLUG_PLUGIN_DIR. */
  folder?: string;
  name: string;
  namespace?: string;
  /** Default (written by the .pconf writer): `unix://` + NameSpace + Name, as Go does. */
  url?: string;
  lazyLoad?: boolean;
  /** Its bytes are appended raw after the method array of every `/Activate` answer. */
  onActivate?: () => Payload | void | Promise<Payload | void>;
  /** Runs once when the plugin stops, after the .pconf and socket are removed. */
  onStop?: () => void | Promise<void>;
  /** Per callback name; beyond it the oldest notification is dropped and counted. Default 10,000. */
  maxQueuedNotifications?: number;
  /** Larger request bodies get a 413. Default 64 MiB. */
  maxRequestBytes?: number;
}

export interface MethodContext {
  /** The method name as it was called. */
  method: string;
  headers: IncomingHttpHeaders;
  /** Aborted when the caller hangs up or the plugin stops. */
  signal: AbortSignal;
}

/** Buffer/string: sent as is; undefined: empty 200; anything else: JSON. A throw: 500 + message. */
export type MethodHandler = (body: Buffer, ctx: MethodContext) => Payload | Promise<Payload>;

export interface StartedPlugin {
  sock: string;
  pconfPath: string;
}

type State = 'new' | 'starting' | 'started' | 'stopping' | 'stopped';

const DEFAULT_MAX_REQUEST_BYTES = 64 * 1024 * 1024;
/** How long stop() lets unfinished method calls answer before cutting their connections. */
const STOP_GRACE_MS = 2_000;

export function createPlugin(options: PluginOptions): GoPlugPlugin {
  return new GoPlugPlugin(options);
}

export class GoPlugPlugin {
  /** `NameSpace/Name`, or `Name` when the namespace is empty. */
  readonly id: string;
  readonly #options: PluginOptions;
  readonly #namespace: string;
  readonly #folder: string;
  readonly #maxRequestBytes: number;
  readonly #methods = new Map<string, MethodHandler>();
  readonly #described = new Map<string, DescribedName>();
  readonly #callbacks = new Map<string, DescribedName>();
  #describeAnswer: Buffer | undefined;
  readonly #queue: NotificationQueue<LongPoll>;
  readonly #calls = new Set<CallContext>();
  readonly #router: RequestRouter;
  #state: State = 'new';
  #server: Server | undefined;
  #starting: Promise<StartedPlugin> | undefined;
  #paths: StartedPlugin | undefined;
  readonly #stopped = deferred();

  constructor(options: PluginOptions) {
    this.#options = options;
    this.#namespace = options.namespace ?? '';
    checkNamePart('name', options.name, true);
    checkNamePart('namespace', this.#namespace, false);
    this.id = formatPluginId(this.#namespace, options.name);
    const folder = options.folder ?? process.env.GOPLUG_PLUGIN_DIR ?? '';
    if (folder === '') {
      throw new GoPlugError(
        'CONFIG_INVALID',
        `Plugin ${this.id} has no folder: pass { folder } or set GOPLUG_PLUGIN_DIR`,
        {
          hint: 'Set GOPLUG_PLUGIN_DIR to the discovery folder your host watches, or pass --dir to the plugin.',
        },
      );
    }
    this.#folder = resolve(folder);
    this.#maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.#queue = new NotificationQueue<LongPoll>(options.maxQueuedNotifications);
    this.#router = new RequestRouter({
      id: this.id,
      methods: this.#methods,
      queue: this.#queue,
      calls: this.#calls,
      maxRequestBytes: this.#maxRequestBytes,
      onActivate: options.onActivate,
      describeAnswer: () => (this.#describeAnswer ??= describeBody(this.#described.values(), this.#callbacks.values())),
      hasCallback: (name) => this.#callbacks.has(name),
      stopping: () => this.#state === 'stopping' || this.#state === 'stopped',
      stop: () => void this.stop(),
    });
    // Rejections are for whoever awaits `stopped`; without this, nobody awaiting would crash the process.
    this.#stopped.promise.catch(() => {});
  }

  /**
   * Serves `handler` as `POST /<name>`; `describe` tells hosts what it does and gives an example
   * body (the describe request, docs/PROTOCOL.md). Chainable.
   */
  method(name: string, handler: MethodHandler, describe: DescribeOptions = {}): this {
    if (name === '' || name.includes('/') || isBuiltIn(name)) {
      throw new TypeError(
        `Method name ${JSON.stringify(name)} is not allowed: it must be non-empty, without "/", ` +
          'and not one of the built-ins Activate, Stop, RegisterCallback, Ping',
      );
    }
    const described = describedName('Method', name, describe);
    // Replacing a method keeps its place, as in Activate's list.
    this.#methods.set(name, handler);
    this.#described.set(name, described);
    this.#describeAnswer = undefined;
    return this;
  }

  /**
   * Declares a callback this plugin notifies (`notify(name, …)`), with what it is and an example of
   * its notifications, for the describe request. Optional: undeclared names can be notified too,
   * but hosts offer only declared ones. Chainable.
   */
  callback(name: string, describe: DescribeOptions = {}): this {
    if (typeof name !== 'string' || name === '') throw new TypeError('A callback name must be a non-empty string');
    this.#callbacks.set(name, describedName('Callback', name, describe));
    this.#describeAnswer = undefined;
    return this;
  }

  /**
   * Sends `data` to the host's `RegisterCallback` long-poll for `callbackName`: to the oldest
   * waiting poll, or queued in order until one arrives (bounded; see DEFAULT_MAX_QUEUED_NOTIFICATIONS).
   * Never throws on overflow; throws a TypeError only if `data` has no JSON form.
   */
  notify(callbackName: string, data: Payload): void {
    const body = toBytes(data, `Notification for ${callbackName}`);
    if (this.#state === 'stopping' || this.#state === 'stopped') {
      this.#queue.countDropped(callbackName);
      return;
    }
    this.#queue.push(callbackName, body);
  }

  /** Notifications dropped for this callback name (queue overflow, or notify after stop). */
  droppedNotifications(callbackName: string): number {
    return this.#queue.dropped(callbackName);
  }

  /** Notifications waiting for a poll on this callback name. */
  queuedNotifications(callbackName: string): number {
    return this.#queue.queued(callbackName);
  }

  /** Long-polls (`RegisterCallback`) parked for this callback name, waiting for a notification. */
  pendingPolls(callbackName: string): number {
    return this.#queue.waiting(callbackName);
  }

  /** Settles when the plugin has stopped, by stop(), a signal or `POST /Stop`; rejects if onStop threw. */
  get stopped(): Promise<void> {
    return this.#stopped.promise;
  }

  /**
   * Listens on `<folder>/<NameSpace><Name>.sock` (mode 0600, folder created 0700), then writes
   * the .pconf. A plugin instance starts once.
   */
  start(): Promise<StartedPlugin> {
    if (this.#state !== 'new') {
      return Promise.reject(
        new GoPlugError(
          'ALREADY_STARTED',
          `Plugin ${this.id} was already started; a plugin instance starts once`,
        ),
      );
    }
    this.#state = 'starting';
    this.#starting = this.#start().catch(async (err: unknown) => {
      await this.#closeServer();
      this.#state = 'stopped';
      this.#stopped.resolve();
      throw err;
    });
    return this.#starting;
  }

  /** Idempotent. Removes the .pconf, stops listening (removing the socket), ends pending long-polls (503), runs onStop, closes. */
  stop(): Promise<void> {
    if (this.#state === 'new') {
      this.#state = 'stopped';
      this.#stopped.resolve();
    } else if (this.#state === 'starting' || this.#state === 'started') {
      this.#state = 'stopping';
      this.#stop().then(this.#stopped.resolve, this.#stopped.reject);
    }
    return this.#stopped.promise;
  }

  async #start(): Promise<StartedPlugin> {
    const sock = join(this.#folder, `${goFileStem(this.#namespace, this.#options.name)}.sock`);
    assertSocketPathFits(sock);
    await mkdir(this.#folder, { recursive: true, mode: 0o700 });
    await withStartLock(sock, async () => {
      await clearStaleSocket(sock);
      await this.#listen(sock).catch((err: unknown) => {
        // Bound by a process that takes no lock (a Go plugin) since the check.
        if (errnoCode(err) !== 'EADDRINUSE') throw err;
        throw new GoPlugError(
          'ALREADY_STARTED',
          `Another process started serving ${sock} meanwhile; refusing to replace it`,
          {
            cause: err,
            hint: 'Stop the running plugin first, or start this one in another folder.',
          },
        );
      });
    });
    const pconfPath = await writePconfAtomic(this.#folder, {
      name: this.#options.name,
      namespace: this.#namespace,
      url: this.#options.url,
      sock,
      lazyLoad: this.#options.lazyLoad ?? false,
      pid: process.pid,
    });
    this.#paths = { sock, pconfPath };
    if (this.#state === 'starting') this.#state = 'started';
    return this.#paths;
  }

  async #listen(sock: string): Promise<void> {
    const server = createServer({ requireHostHeader: false }, this.#router.onRequest);
    // Like Go's server: no idle timeout, so a host's single keep-alive connection stays usable.
    server.keepAliveTimeout = 0;
    this.#server = server;
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.once('listening', () => {
        server.off('error', fail);
        done();
      });
      // The bind happens inside listen(): a tight umask makes the socket 0600 from its first moment.
      const previous = setUmask(0o177);
      try {
        server.listen(sock);
      } finally {
        if (previous !== undefined) process.umask(previous);
      }
    });
    // Where the umask cannot be set (worker threads), this closes the gap right away.
    await chmod(sock, 0o600);
  }

  async #stop(): Promise<void> {
    await this.#starting?.catch(() => {});
    // Each step runs even if an earlier one failed; the first failure is reported at the end.
    const failures: unknown[] = [];
    // The .pconf goes first, while our socket still refuses a second instance: afterwards nothing
    // here touches a path a new instance may already be using. Sync, so that nothing else runs
    // between here and close() (see #closeServer).
    if (this.#paths !== undefined) {
      try {
        removeFileSync(this.#paths.pconfPath);
      } catch (err) {
        failures.push(err);
      }
    }
    // Stops accepting and unlinks the socket file (libuv does it before closing the fd).
    const closed = this.#closeServer();
    for (const poll of this.#queue.takeWaiting()) poll.end();
    for (const call of this.#calls) call.abort(new Error(`Plugin ${this.id} is stopping`));
    try {
      await this.#options.onStop?.();
    } catch (err) {
      failures.push(err);
    }
    await closed;
    this.#state = 'stopped';
    if (failures.length > 0) throw failures[0];
  }

  /**
   * Stops listening, then waits for open connections to finish their answers (each is ended as
   * soon as it has none left, see #closeWhenAnswered), and cuts whatever is left after a grace.
   *
   * close() also destroys connections node:http deems idle, which includes one whose current
   * answer has just ended while pipelined answers still wait behind it. So close() is called
   * before any pending long-poll is ended, and never again: a second call to
   * closeIdleConnections() here would drop the Stop answer the Go host pipelines behind its poll.
   */
  async #closeServer(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return;
    const closed = new Promise<void>((done) => server.close(() => done()));
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((done) => (timer = setTimeout(done, STOP_GRACE_MS)));
    await Promise.race([closed, grace]);
    clearTimeout(timer);
    server.closeAllConnections();
    await closed;
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (err: unknown) => void } {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

function checkNamePart(what: 'name' | 'namespace', value: unknown, required: boolean): void {
  if (typeof value !== 'string' || (required && value === '') || /[/\0]/.test(value)) {
    throw new GoPlugError(
      'CONFIG_INVALID',
      `Plugin ${what} ${JSON.stringify(value)} is not usable: it must be a ${required ? 'non-empty ' : ''}string ` +
        'without "/" or NUL (it becomes part of the .pconf and socket file names)',
    );
  }
}

/** Returns the previous umask, or undefined where it cannot be changed (worker threads). */
function setUmask(mask: number): number | undefined {
  try {
    return process.umask(mask);
  } catch {
    return undefined;
  }
}

function removeFileSync(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
