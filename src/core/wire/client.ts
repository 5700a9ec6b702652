/**
 * The host side of the GoPlug wire protocol for ONE plugin: HTTP/1.1 over the plugin's Unix
 * socket, shaped like the Go host's requests (see docs/PROTOCOL.md).
 *
 * Connection model: ordinary calls share a pool of keep-alive sockets; every long-poll stream
 * and every Stop gets a connection of its own, so a callback waiting for hours — or calls stuck
 * in a hung plugin — never block anything else (the Go host deadlocks exactly there).
 */
import { Client, Pool } from 'undici';
import { GoPlugError, isGoPlugError } from '../errors.js';
import type { Disposer } from '../types.js';
import { parseActivation } from './activation.js';
import { bodyPreview } from './bodyPreview.js';
import { ConnectWaiters } from './connectWaiters.js';
import { exchange, type ExchangeRequest, type ExchangeTarget } from './exchange.js';
import { resolveDefaults, resolveLimits, type CallLimits, type WireDefaults } from './limits.js';
import { hostFromUrl, methodPath } from './requestTarget.js';
import { CallbackSubscription } from './subscription.js';
import type { CallOptions, WireResponse } from './types.js';
import { createUnixConnector } from './unixConnector.js';

export interface PluginTarget {
  /** Absolute path of the plugin's Unix socket. */
  sock: string;
  /** The plugin's Url from its .pconf; its host part becomes `Host:`. */
  url: string;
  /** Shown in messages (e.g. `Test/Do`); the Url when absent. */
  id?: string;
}

export interface Activation {
  /** Callable method names, the built-ins' empty names dropped. */
  methods: string[];
  /** Bytes the plugin's activator appended after the array (often empty). */
  output: Buffer;
}

/** The host sends this on Ping and expects it echoed, as the Go host does. */
export const DEFAULT_PING_BODY = 'Test Data';

/** undici needs an origin; requests carry their own `Host:` and the socket path decides where they go. */
const ORIGIN = 'http://localhost';

/** Sockets refused for these reasons belong to a plugin that is already gone. */
const GONE_ERRNO = new Set(['ENOENT', 'ECONNREFUSED']);

export class PluginClient {
  readonly target: Readonly<PluginTarget>;
  private readonly defaults: WireDefaults;
  private readonly label: string;
  /** The plugin's identity and the request headers, the same for every call. */
  private readonly exchangeTarget: ExchangeTarget;
  private readonly pool: Pool;
  private readonly connectWaiters: ConnectWaiters;
  /** Dedicated connections (long-polls, Stop), each a Client of its own. */
  private readonly ownClients = new Set<Client>();
  private readonly subscriptions = new Set<CallbackSubscription>();
  private readonly releasing = new Set<Promise<void>>();
  private closing: Promise<void> | undefined;

  constructor(target: PluginTarget, defaults?: Partial<WireDefaults>) {
    if (typeof target?.sock !== 'string' || target.sock === '') {
      throw new GoPlugError(
        'CONFIG_INVALID',
        `Plugin ${target?.id ?? target?.url}: no socket path to connect to`,
      );
    }
    this.target = { ...target };
    this.defaults = resolveDefaults(defaults);
    this.label = target.id ?? (target.url || target.sock);
    const host = hostFromUrl(target.url ?? '');
    this.exchangeTarget = {
      plugin: this.label,
      sock: target.sock,
      headers: { host },
      bodyHeaders: { host, 'content-type': 'application/json' },
    };
    this.connectWaiters = new ConnectWaiters(this.defaults.connectTimeoutMs);
    this.pool = new Pool(ORIGIN, {
      connections: this.defaults.connections,
      pipelining: 1,
      // Our own deadline covers the whole call; undici's 300 s phase timers would only interfere.
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: createUnixConnector(target.sock, () => this.connectWaiters.strictest()),
    });
  }

  /** True once close() or destroy() was called. */
  get closed(): boolean {
    return this.closing !== undefined;
  }

  /**
   * `POST /<method>`. Resolves with any HTTP status (the Go plugin answers 400 for an unknown
   * method; the caller decides); rejects with a GoPlugError when no complete answer came.
   */
  call(method: string, body?: Uint8Array | string, opts?: CallOptions): Promise<WireResponse> {
    try {
      // Without options, the defaults (checked once) are the limits: nothing to resolve per call.
      const limits = opts === undefined ? this.defaults : resolveLimits(this.defaults, opts);
      const path = methodPath(method, this.label);
      this.assertOpen(method);
      const req: ExchangeRequest = {
        method,
        path,
        body: body === undefined ? undefined : toBuffer(body),
        signal: opts?.signal,
        contentType: opts?.contentType,
        waiters: this.connectWaiters,
      };
      return exchange(this.pool, this.exchangeTarget, req, limits);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** `POST /Activate`: the plugin's method names and its activator's output. */
  async activate(opts?: CallOptions): Promise<Activation> {
    const res = await this.call('Activate', undefined, opts);
    if (res.status !== 200) {
      throw this.badResponse(`Activate answered ${res.status} ${bodyPreview(res.body)}`);
    }
    const parsed = parseActivation(res.body);
    if (!parsed.ok) throw this.badResponse(`Activate: ${parsed.reason}; body: ${bodyPreview(res.body)}`);
    return { methods: parsed.methods, output: parsed.output };
  }

  /** `POST /Ping` with `body` and checks the echo. */
  async ping(body: Uint8Array | string = DEFAULT_PING_BODY, opts?: CallOptions): Promise<{ rttMs: number }> {
    const sent = toBuffer(body);
    const res = await this.call('Ping', sent, opts);
    if (res.status !== 200 || !res.body.equals(sent)) {
      throw this.badResponse(
        `Ping answered ${res.status} ${bodyPreview(res.body)} instead of echoing ${bodyPreview(sent)}`,
      );
    }
    return { rttMs: res.durationMs };
  }

  /**
   * `POST /Stop` on a connection of its own (busy pool sockets must not delay it). The Go plugin
   * exits without answering, so a connection closed without reply — or a socket already gone —
   * counts as stopped too: `answered` says whether a 200 came.
   */
  async stop(opts?: CallOptions): Promise<{ answered: boolean }> {
    const limits = resolveLimits(this.defaults, opts);
    this.assertOpen('Stop');
    try {
      const res = await this.onOwnConnection(limits, (client) =>
        exchange(
          client,
          this.exchangeTarget,
          { method: 'Stop', path: '/Stop', body: undefined, signal: opts?.signal },
          limits,
        ),
      );
      if (res.status !== 200) throw this.badResponse(`Stop answered ${res.status} ${bodyPreview(res.body)}`);
      return { answered: true };
    } catch (err) {
      if (
        isGoPlugError(err, 'PLUGIN_GONE') ||
        (isGoPlugError(err, 'CONNECT_FAILED') && GONE_ERRNO.has(errnoOf(err)))
      ) {
        return { answered: false };
      }
      throw err;
    }
  }

  /**
   * One `POST /RegisterCallback` for `callbackName`, on a connection of its own, waiting with no
   * deadline unless `opts.timeoutMs` sets one: the answer is the next notification. Cancelling
   * through `opts.signal` rejects with the signal's reason (an AbortError by default), as fetch
   * does. Rejects with PLUGIN_GONE if the plugin dies meanwhile.
   */
  async longPoll(callbackName: string, opts?: CallOptions): Promise<WireResponse> {
    const limits = resolveLimits({ ...this.defaults, timeoutMs: Infinity }, opts);
    this.assertOpen('RegisterCallback');
    return this.onOwnConnection(limits, (client) => this.poll(client, callbackName, limits, opts?.signal));
  }

  /**
   * Long-polls `callbackName` in a loop on a connection of its own and hands every notification
   * to `onNotification`. `onEnd` is called once: with no argument after the returned disposer or
   * close(), with the error when the plugin failed or went away (the loop never retries by itself).
   */
  subscribe(
    callbackName: string,
    onNotification: (body: Buffer) => void,
    onEnd?: (err?: GoPlugError) => void,
  ): Disposer {
    const limits = resolveLimits({ ...this.defaults, timeoutMs: Infinity }, undefined);
    this.assertOpen('RegisterCallback');
    const client = this.openOwnClient(limits);
    const subscription: CallbackSubscription = new CallbackSubscription({
      label: `Plugin ${this.label}: callback ${callbackName}`,
      poll: (signal) => this.poll(client, callbackName, limits, signal),
      onNotification,
      release: () => void this.releaseOwnClient(client),
      onEnd: (err) => {
        this.subscriptions.delete(subscription);
        onEnd?.(err);
      },
    });
    this.subscriptions.add(subscription);
    return () => subscription.stop();
  }

  /**
   * Releases every socket. Calls in flight finish first (their deadlines bound the wait); pending
   * long-polls are cut: subscriptions end quietly, a lone longPoll() rejects with NOT_STARTED.
   * Later calls fail at once with NOT_STARTED.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown(
      this.closedError('the client was closed while a long-poll waited'),
      undefined,
      () => this.pool.close(),
    );
    return this.closing;
  }

  /** Like close(), but calls and long-polls in flight fail at once with PLUGIN_GONE. */
  destroy(reason = 'the client was destroyed'): Promise<void> {
    const gone = new GoPlugError('PLUGIN_GONE', `Plugin ${this.label}: cut off: ${reason}`);
    const destroying = this.shutDown(gone, gone, () => this.pool.destroy(gone));
    this.closing = destroying;
    return destroying;
  }

  private async shutDown(
    cutPolls: GoPlugError,
    endSubscriptions: GoPlugError | undefined,
    releasePool: () => Promise<void>,
  ): Promise<void> {
    for (const subscription of [...this.subscriptions]) subscription.stop(endSubscriptions);
    const own = [...this.ownClients].map((client) => this.releaseOwnClient(client, cutPolls));
    await Promise.all([...own, ...this.releasing, releasePool()]);
  }

  /** The Go host sends the callback's name as a JSON string, e.g. `"main.callBack"`. */
  private poll(
    client: Client,
    callbackName: string,
    limits: CallLimits,
    signal?: AbortSignal,
  ): Promise<WireResponse> {
    const body = Buffer.from(JSON.stringify(String(callbackName)));
    return exchange(
      client,
      this.exchangeTarget,
      { method: 'RegisterCallback', path: '/RegisterCallback', body, signal },
      limits,
    );
  }

  private async onOwnConnection<T>(limits: CallLimits, run: (client: Client) => Promise<T>): Promise<T> {
    const client = this.openOwnClient(limits);
    try {
      return await run(client);
    } finally {
      void this.releaseOwnClient(client);
    }
  }

  private openOwnClient(limits: CallLimits): Client {
    const client = new Client(ORIGIN, {
      pipelining: 1,
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: createUnixConnector(this.target.sock, () => limits.connectTimeoutMs),
    });
    this.ownClients.add(client);
    return client;
  }

  /** Destroys a dedicated connection, failing what is still pending on it with `err`. */
  private releaseOwnClient(client: Client, err?: Error): Promise<void> {
    if (!this.ownClients.delete(client)) return Promise.resolve();
    const released = client.destroy(err ?? null);
    this.releasing.add(released);
    void released.finally(() => this.releasing.delete(released));
    return released;
  }

  private assertOpen(method: string): void {
    if (this.closing !== undefined) throw this.closedError(`${method}: this client was closed`);
  }

  private closedError(what: string): GoPlugError {
    return new GoPlugError('NOT_STARTED', `Plugin ${this.label}: ${what}`, {
      hint: 'Start the plugin again: a closed client is not reused.',
    });
  }

  private badResponse(what: string): GoPlugError {
    return new GoPlugError('BAD_RESPONSE', `Plugin ${this.label}: ${what}`);
  }
}

function toBuffer(body: Uint8Array | string): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

function errnoOf(err: GoPlugError): string {
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : '';
}
