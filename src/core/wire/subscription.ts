/**
 * A callback subscription: long-poll, deliver, long-poll again, as the Go host does, on one
 * connection of its own. The next poll is sent BEFORE the notification is handed over, because
 * the Go plugin drops a notify that finds no poll waiting. Any failure ends the loop and is
 * reported once: it never retries, so a dead plugin cannot make it spin.
 *
 * A plugin that queues notifications (our SDK, the Python sample) says how long one waited in
 * its queue (`Goplug-Queued-Ms`); one notified before the subscription began is `backlog`, told
 * apart from the live ones (docs/PROTOCOL.md, "Notifications").
 */
import { GoPlugError } from '../errors.js';
import { bodyPreview } from './bodyPreview.js';
import type { WireResponse } from './types.js';

export interface SubscriptionParts {
  /** For messages, e.g. `Plugin Test/Do: callback main.callBack`. */
  label: string;
  /** One long-poll; must reject when `signal` aborts. */
  poll(signal: AbortSignal): Promise<WireResponse>;
  onNotification(body: Buffer, backlog: boolean): void;
  /** Called once: without an error when stopped by us, with one when the plugin failed or went away. */
  onEnd(err?: GoPlugError): void;
  /** Frees the subscription's connection; called once, before onEnd. */
  release(): void;
}

export class CallbackSubscription {
  private readonly cancel = new AbortController();
  private ended = false;

  constructor(private readonly parts: SubscriptionParts) {
    void this.loop();
  }

  /** Ends the subscription; `err` says why when it is not a plain unsubscribe. */
  stop(err?: GoPlugError): void {
    if (this.ended) return;
    this.ended = true;
    this.cancel.abort();
    this.parts.release();
    this.parts.onEnd(err);
  }

  private async loop(): Promise<void> {
    const { signal } = this.cancel;
    // When the first poll went out: notifications queued before it are the backlog.
    const since = Date.now();
    let sentAt = since;
    let pending = this.parts.poll(signal);
    for (;;) {
      let res: WireResponse;
      try {
        res = await pending;
      } catch (err) {
        this.stop(signal.aborted ? undefined : asGoPlugError(err, this.parts.label));
        return;
      }
      if (signal.aborted) return;
      if (res.status === 503) {
        // The SDK answers waiting polls 503 when the plugin stops: the plugin is going away.
        const msg = `${this.parts.label} is stopping (RegisterCallback answered 503); the subscription ended`;
        this.stop(new GoPlugError('PLUGIN_GONE', msg));
        return;
      }
      if (res.status !== 200) {
        const msg = `${this.parts.label}: RegisterCallback answered ${res.status} ${bodyPreview(res.body)}; the subscription ended`;
        this.stop(new GoPlugError('BAD_RESPONSE', msg));
        return;
      }
      const backlog = isBacklog(res, sentAt, since);
      sentAt = Date.now();
      pending = this.parts.poll(signal);
      this.deliver(res.body, backlog);
    }
  }

  private deliver(body: Buffer, backlog: boolean): void {
    try {
      this.parts.onNotification(body, backlog);
    } catch (err) {
      // A listener bug is the listener's: surface it as uncaught, like an EventEmitter would,
      // and keep the subscription alive.
      process.nextTick(() => {
        throw err;
      });
    }
  }
}

/** The header a queueing plugin sets on a notification that waited: whole milliseconds. */
const QUEUED_MS_HEADER = 'goplug-queued-ms';

/**
 * The plugin answered this poll no earlier than it was sent, so `sentAt - waited` is no later than
 * when the notification was queued: a queued one is never taken for live however slow the answer
 * travels (only one queued within a request's transit after the first poll may pass for backlog).
 */
function isBacklog(res: WireResponse, sentAt: number, since: number): boolean {
  const waited = Number(res.headers[QUEUED_MS_HEADER]);
  return Number.isFinite(waited) && waited >= 0 && sentAt - waited < since;
}

function asGoPlugError(err: unknown, label: string): GoPlugError {
  if (err instanceof GoPlugError) return err;
  return new GoPlugError('PLUGIN_GONE', `${label}: the long-poll failed: ${String(err)}`, { cause: err });
}
