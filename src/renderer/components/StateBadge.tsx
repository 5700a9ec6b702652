/**
 * A plugin's state as text, colour and shape together (never colour alone): Started is a solid
 * green dot, Discovered a hollow blue one (with "Lazy" for LazyLoad), Starting/Stopping an amber
 * pulse that shows the elapsed time after a second, Restarting an amber pulse counting down to the
 * next attempt, Unreachable/Error red and Fatal red and filled, with the reason on hover.
 */
import type { PluginSnapshot } from '../../shared/contract.js';
import { useNow } from '../hooks/useNow.js';
import { formatElapsed } from '../lib/format.js';
import {
  DISPLAY_LABEL,
  displayState,
  isTransitional,
  stateReason,
  stateSince,
  type DisplayState,
} from '../lib/pluginState.js';
import { COUNTDOWN_TICK_MS, nextAttemptText } from '../lib/processFacts.js';
import { visibleText } from '../lib/visibleText.js';
import './StateBadge.css';

/** States whose badge says why on hover. */
const REASONED: ReadonlySet<DisplayState> = new Set(['unreachable', 'error', 'fatal', 'restarting']);

/** Why a Ready plugin waits, on hover. */
const READY_TITLE = 'Its process runs; it is activated on first use (LazyLoad) or with its switch.';

export interface StateBadgeProps {
  plugin: PluginSnapshot;
  /** When the user asked for the transition, if the registry has not reported it yet. */
  pendingSince?: number;
  /** Show the "Lazy" tag for a discovered LazyLoad plugin (rows show their own mark instead). */
  showLazy?: boolean;
  /** Count down to a crash restart (rows are too narrow; the reason on hover says it). */
  showNextAttempt?: boolean;
}

export function StateBadge({ plugin, pendingSince, showLazy = true, showNextAttempt = true }: StateBadgeProps) {
  const state = displayState(plugin);
  const restarting = state === 'restarting';
  const moving = isTransitional(plugin) || pendingSince !== undefined || restarting;
  const now = useNow(COUNTDOWN_TICK_MS, moving);
  const since = isTransitional(plugin) ? stateSince(plugin) : pendingSince;
  const elapsed = moving && since !== undefined && now - since >= 1000 ? now - since : undefined;
  const nextAttempt = restarting && showNextAttempt && pendingSince === undefined ? plugin.process?.nextRestartAt : null;
  const raw = REASONED.has(state) ? stateReason(plugin) : undefined;
  const reason = raw === undefined ? undefined : visibleText(raw, { lines: true });
  const pendingLabel = !isTransitional(plugin) && pendingSince !== undefined ? '…' : '';

  return (
    <span className={`badge badge-${state}${moving ? ' badge-moving' : ''}`} title={state === 'ready' ? READY_TITLE : reason}>
      <span className="badge-dot" aria-hidden="true" />
      <span className="badge-label">
        {DISPLAY_LABEL[state]}
        {pendingLabel}
        {elapsed !== undefined && <span className="badge-elapsed"> {formatElapsed(elapsed)}</span>}
        {nextAttempt != null && (
          <span className="badge-elapsed"> {nextAttemptText(nextAttempt, now)}</span>
        )}
      </span>
      {showLazy && (state === 'discovered' || state === 'ready') && plugin.lazyLoad && <span className="tag tag-lazy">Lazy</span>}
    </span>
  );
}
