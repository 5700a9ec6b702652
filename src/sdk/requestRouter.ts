/**
 * How a plugin answers each request on its socket: the built-ins (`Activate`, `Ping`,
 * `RegisterCallback`, `Stop`) and the user's methods, as the Go plugin answers them (see
 * docs/PROTOCOL.md, "Plugin side (SDK)"). The plugin's lifecycle (listen, .pconf, stop) is in
 * plugin.ts; this only needs what the plugin shares with it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { isBuiltIn } from '../core/builtinMethods.js';
import { DESCRIBE_PATH } from '../core/describeProtocol.js';
import { BodyTooLargeError, readRequestBody } from '../core/requestBody.js';
import { activationBody } from './activation.js';
import { CallContext } from './callContext.js';
import type { NotificationQueue, Poll } from './notificationQueue.js';
import type { MethodHandler, PluginOptions } from './plugin.js';
import { send } from './respond.js';
import { routeRequest } from './route.js';
import { toBytes } from './toBytes.js';

export interface LongPoll extends Poll {
  /** Ends the poll without a notification: the plugin is stopping. */
  end(): void;
}

/** What the router shares with its plugin. */
export interface RoutedPlugin {
  readonly id: string;
  readonly methods: ReadonlyMap<string, MethodHandler>;
  readonly queue: NotificationQueue<LongPoll>;
  /** Method calls under way, so that a stop can abort them. */
  readonly calls: Set<CallContext>;
  readonly maxRequestBytes: number;
  readonly onActivate: PluginOptions['onActivate'];
  /** The answer to the describe request (describe.ts). */
  describeAnswer(): Buffer;
  /** Declared with `.callback()`. */
  hasCallback(name: string): boolean;
  /** Stopping or stopped: no more requests are served. */
  stopping(): boolean;
  stop(): void;
}

const EMPTY = Buffer.alloc(0);

export class RequestRouter {
  /** Requests not answered yet, per connection. */
  readonly #unanswered = new WeakMap<Socket, number>();

  constructor(private readonly plugin: RoutedPlugin) {}

  readonly onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    this.#closeWhenAnswered(req.socket, res);
    this.#handle(req, res).catch((err: unknown) => send(res, 500, Buffer.from(errorText(err))));
  };

  /**
   * Once stopping, a connection is ended (gracefully) as soon as every request on it is answered.
   * Not with `Connection: close` on an answer: that would drop answers still queued behind it,
   * and the Go host pipelines Stop behind a held long-poll on its single connection.
   */
  #closeWhenAnswered(socket: Socket, res: ServerResponse): void {
    this.#unanswered.set(socket, (this.#unanswered.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (this.#unanswered.get(socket) ?? 1) - 1;
      this.#unanswered.set(socket, left);
      if (left === 0 && this.plugin.stopping()) socket.end();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const plugin = this.plugin;
    if (plugin.stopping()) {
      send(res, 503, Buffer.from(`Plugin ${plugin.id} is stopping`));
      return;
    }
    if (isDescribeRequest(req.url)) return this.#describe(req, res);
    const route = routeRequest(req.url ?? '');
    if (route.kind === 'redirect') return send(res, 301, EMPTY, { Location: route.location });
    if (route.kind === 'bad' || !(isBuiltIn(route.name) || plugin.methods.has(route.name))) {
      return send(res, 400);
    }
    let body: Buffer;
    try {
      body = await readRequestBody(req, plugin.maxRequestBytes);
    } catch (err) {
      // Unread bytes may still be on the way: close rather than parse them as a next request.
      if (err instanceof BodyTooLargeError)
        send(res, 413, Buffer.from(`${err.message}, the most this plugin accepts`), { Connection: 'close' });
      return;
    }
    switch (route.name) {
      case 'Activate':
        return this.#activate(res);
      case 'Ping':
        return send(res, 200, body);
      case 'RegisterCallback':
        return this.#registerCallback(body, res);
      case 'Stop':
        // The Go plugin exits without answering; we answer first, then stop.
        send(res, 200, EMPTY, { Connection: 'close' });
        plugin.stop();
        return;
      default:
        return this.#call(route.name, body, req, res);
    }
  }

  async #describe(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await readRequestBody(req, this.plugin.maxRequestBytes);
    } catch {
      return send(res, 413, EMPTY, { Connection: 'close' });
    }
    send(res, 200, this.plugin.describeAnswer(), { 'Content-Type': 'application/json' });
  }

  async #activate(res: ServerResponse): Promise<void> {
    const extra = toBytes(await this.plugin.onActivate?.(), 'The onActivate result');
    send(res, 200, activationBody([...this.plugin.methods.keys()], extra));
  }

  #registerCallback(body: Buffer, res: ServerResponse): void {
    const name = parseJsonString(body);
    if (name === undefined) {
      // The Go plugin exits(1) here; a bad request should not kill a plugin.
      const got = JSON.stringify(body.toString('utf8').slice(0, 100));
      send(
        res,
        400,
        Buffer.from(`RegisterCallback needs a JSON string naming the callback, e.g. "tick"; got ${got}`),
      );
      return;
    }
    let open = true;
    const forget = this.plugin.queue.poll(name, {
      deliver: (notification, queuedMs) => {
        if (!open || res.destroyed) return false;
        // Only a notification that waited says so: a poll answered live is the Go plugin's bytes.
        send(res, 200, notification, queuedMs === undefined ? {} : { 'Goplug-Queued-Ms': String(queuedMs) });
        return true;
      },
      end: () => send(res, 503),
    }, this.#fallback(name));
    res.once('close', () => {
      open = false;
      forget();
    });
  }

  /**
   * A Go host can only name a callback by its Go function's name (`main.tick` for `tick` in
   * package main): a poll for a dotted name that no declared callback has also takes the
   * notifications of the part after its last dot, as long as nothing is notified under the
   * dotted name itself, so Go hosts receive a TypeScript plugin's callbacks (docs/PROTOCOL.md).
   */
  #fallback(name: string): string | undefined {
    if (this.plugin.hasCallback(name)) return undefined;
    const short = name.slice(name.lastIndexOf('.') + 1);
    return short !== name && short !== '' ? short : undefined;
  }

  async #call(name: string, body: Buffer, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const handler = this.plugin.methods.get(name) as MethodHandler;
    const call = new CallContext(name, req.headers);
    this.plugin.calls.add(call);
    res.once('close', () => {
      if (!res.writableFinished) call.abort(new Error(`The caller of ${name} hung up`));
    });
    try {
      const result = await handler(body, call);
      send(res, 200, toBytes(result, `The result of ${name}`));
    } catch (err) {
      send(res, 500, Buffer.from(errorText(err) || `${name} failed`));
    } finally {
      this.plugin.calls.delete(call);
    }
  }
}

function isDescribeRequest(url: string | undefined): boolean {
  return url === DESCRIBE_PATH || url?.startsWith(`${DESCRIBE_PATH}?`) === true;
}

function parseJsonString(body: Buffer): string | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
