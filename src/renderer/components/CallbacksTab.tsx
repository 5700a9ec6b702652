/** Subscribe to a plugin's callbacks and watch the notifications arrive. */
import { useMemo, useState } from 'react';
import type { PluginSnapshot } from '../../shared/contract.js';
import { useActions, useStudio } from '../store/context.js';
import { SubscriptionPanel } from './SubscriptionPanel.js';
import './CallbacksTab.css';

export function CallbacksTab({ plugin }: { plugin: PluginSnapshot }) {
  const subscriptions = useStudio((s) => s.subscriptions);
  const actions = useActions();
  const [callback, setCallback] = useState('');
  const [busy, setBusy] = useState(false);
  const mine = useMemo(
    () => Object.values(subscriptions).filter((s) => s.pluginId === plugin.id),
    [subscriptions, plugin.id],
  );

  const subscribe = () => {
    const name = callback.trim();
    if (name === '' || busy) return;
    setBusy(true);
    void actions.subscribe(plugin.id, name).finally(() => setBusy(false));
  };

  return (
    <div className="callbacks">
      <form
        className="callbacks-bar"
        onSubmit={(e) => {
          e.preventDefault();
          subscribe();
        }}
      >
        <input
          className="input mono"
          aria-label="Callback name"
          placeholder="Callback name, e.g. OnTick"
          value={callback}
          onChange={(e) => setCallback(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={busy || callback.trim() === ''}>
          {busy ? 'Subscribing…' : 'Subscribe'}
        </button>
        <span className="muted">Notifications the plugin sends for this callback appear below as they arrive.</span>
      </form>
      {mine.length === 0 ? (
        <p className="muted pad">No subscription yet.</p>
      ) : (
        mine.map((sub) => <SubscriptionPanel key={sub.subscriptionId} sub={sub} />)
      )}
    </div>
  );
}
