/**
 * Subscribe to a plugin's callbacks and watch the notifications arrive. The callbacks the plugin
 * announces (its description) are offered as you type and listed with what they are; a name it
 * does not announce is allowed, with a warning that nothing may come for it. A plugin not started
 * says so and offers to start it, as the console does.
 */
import { useMemo, useState } from 'react';
import type { DescribedName, PluginSnapshot } from '../../shared/contract.js';
import { callbackOptions, unannouncedWarning } from '../lib/describedNames.js';
import { useActions, useStudio } from '../store/context.js';
import { NameCombobox } from './NameCombobox.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import { StartOffer } from './StartOffer.js';
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
  const announced = callbackOptions(plugin);
  const example = announced[0]?.name;

  const subscribe = (name: string) => {
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
          subscribe(callback.trim());
        }}
      >
        <NameCombobox
          className="callback-input"
          label="Callback name"
          placeholder={example === undefined ? 'Callback name' : `Callback name, e.g. ${example}`}
          value={callback}
          options={announced}
          onInput={setCallback}
          onChoose={(item) => setCallback(item.name)}
        />
        <button type="submit" className="btn btn-primary" disabled={busy || callback.trim() === ''}>
          {busy ? 'Subscribing…' : 'Subscribe'}
        </button>
        <span className="muted">
          Notifications the plugin sends for this callback appear below as they arrive.
        </span>
      </form>
      {plugin.state !== 'started' && <StartOffer plugin={plugin} offered="callbacks" />}
      <NameWarning plugin={plugin} typed={callback} />
      {announced.length > 0 && <Announced items={announced} busy={busy} onSubscribe={subscribe} />}
      {mine.length === 0 ? (
        <p className="muted pad">No subscription yet.</p>
      ) : (
        mine.map((sub) => <SubscriptionPanel key={sub.subscriptionId} sub={sub} />)
      )}
    </div>
  );
}

function NameWarning({ plugin, typed }: { plugin: PluginSnapshot; typed: string }) {
  // Not started and never described: the start offer above says it already.
  if (plugin.state !== 'started' && plugin.description === undefined) return null;
  const warning = unannouncedWarning(plugin, typed);
  if (warning === null) return null;
  return (
    <p className="callbacks-warning text-warn" role="status">
      <PluginText text={warning} />
    </p>
  );
}

function Announced({
  items,
  busy,
  onSubscribe,
}: {
  items: DescribedName[];
  busy: boolean;
  onSubscribe(name: string): void;
}) {
  return (
    <ul className="announced" aria-label="Announced callbacks">
      {items.map((item, i) => (
        <li key={`${i}:${item.name}`} className="announced-item">
          <PluginText className="mono announced-name" text={item.name} />
          {item.description !== undefined && <PluginText className="muted" text={item.description} />}
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Subscribe to ${visibleText(item.name)}`}
            disabled={busy}
            onClick={() => onSubscribe(item.name)}
          >
            Subscribe
          </button>
        </li>
      ))}
    </ul>
  );
}
