/**
 * One live subscription: callback name, count, rate, Clear, Unsubscribe, and its notifications.
 * The backlog (what the plugin had queued before the subscription) is counted apart and left out
 * of the rate, which is about the live stream.
 */
import { useMemo } from 'react';
import { useNow } from '../hooks/useNow.js';
import { formatRate } from '../lib/format.js';
import { unannouncedWarning } from '../lib/describedNames.js';
import { arrivalRate } from '../lib/rate.js';
import { useActions, useStudio } from '../store/context.js';
import type { Subscription } from '../store/types.js';
import { NotificationList } from './NotificationList.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import { ViewBoundary } from './ViewBoundary.js';
import './SubscriptionPanel.css';

export function SubscriptionPanel({ sub }: { sub: Subscription }) {
  const clear = useStudio((s) => s.clearNotifications);
  const actions = useActions();
  const now = useNow(1000, !sub.ended);
  const plugin = useStudio((s) => s.plugins[sub.pluginId]);
  const times = useMemo(() => sub.notifications.filter((n) => !n.backlog).map((n) => n.receivedAt), [sub.notifications]);
  const rate = sub.ended ? 0 : arrivalRate(times, now);
  const warning = plugin ? unannouncedWarning(plugin, sub.callback) : null;

  return (
    <section className="subscription card" aria-label={`Callback ${visibleText(sub.callback)}`}>
      <div className="card-head">
        <h3 className="mono">
          <PluginText text={sub.callback} />
        </h3>
        <span className="num" aria-label="Count">
          {sub.count} received
        </span>
        {sub.backlog > 0 && (
          <span className="num muted" title="Queued by the plugin before this subscription began; not in the rate">
            ({sub.backlog} from its backlog)
          </span>
        )}
        <span className="num muted" aria-label="Live rate">
          {formatRate(rate)}
        </span>
        {sub.notifications.length < sub.count && (
          <span className="muted">(last {sub.notifications.length} kept)</span>
        )}
        {sub.ended && (
          <span className={sub.ended.error ? 'text-error' : 'muted'}>
            Ended{sub.ended.error ? `: ${sub.ended.error.code}: ` : ''}
            {sub.ended.error && <PluginText text={sub.ended.error.message} />}
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => clear(sub.subscriptionId)}>
          Clear
        </button>
        <button type="button" className="btn btn-small" onClick={() => void actions.unsubscribe(sub.subscriptionId)}>
          {sub.ended ? 'Remove' : 'Unsubscribe'}
        </button>
      </div>
      {warning !== null && !sub.ended && (
        <p className="subscription-warning text-warn">
          <PluginText text={warning} />
        </p>
      )}
      <ViewBoundary label="Notifications" resetKey={sub.notifications}>
        <NotificationList items={sub.notifications} label={`Notifications of ${visibleText(sub.callback)}`} />
      </ViewBoundary>
    </section>
  );
}
