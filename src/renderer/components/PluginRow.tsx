/**
 * One plugin in the list, a row of the list's grid: state, name (with Lazy and the last failure),
 * methods, its process (pid and uptime), socket, and the on/off switch; Restart beside the name
 * when the supervisor gave up (Fatal). Its accessible name says what the columns show, so that a screen
 * reader hears "demo/echo, Started, 2 methods", not the id alone.
 */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { PluginSnapshot } from '../../shared/contract.js';
import { useActions, useStudio } from '../store/context.js';
import { DISPLAY_LABEL, displayState, isFatal } from '../lib/pluginState.js';
import { shortPath } from '../lib/shortPath.js';
import { ProcessSummary } from './ProcessSummary.js';
import { RestartButton } from './RestartButton.js';
import { StateBadge } from './StateBadge.js';
import { Switch } from './Switch.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import { countOf } from '../../shared/units.js';
import './PluginRow.css';

export interface PluginRowProps {
  id: string;
  index: number;
  /** Open in the detail pane. */
  selected: boolean;
  /** Picked for a bulk start or stop. */
  picked: boolean;
  /** The row that takes Tab focus (roving tabindex). */
  focusable: boolean;
  /** Where the virtualiser puts the row, px. */
  start?: number;
  height?: number;
  onClick: (id: string, event: MouseEvent<HTMLElement>) => void;
  onKeyDown?: (index: number, event: KeyboardEvent<HTMLElement>) => void;
}

const methodsText = (n: number) => countOf(n, 'method');

/** What a screen reader hears for the row: id, state, Lazy, methods. */
export function rowName(plugin: PluginSnapshot): string {
  const parts = [visibleText(plugin.id), DISPLAY_LABEL[displayState(plugin)]];
  if (plugin.lazyLoad) parts.push('Lazy');
  if (plugin.state === 'started') parts.push(methodsText(plugin.methods.length));
  return parts.join(', ');
}

/**
 * Memoised, with plain props and stable handlers from the list: a state change re-renders the
 * changed plugin's row (which reads its plugin from the store), not every row on screen.
 */
export const PluginRow = memo(function PluginRow({ id, index, selected, picked, focusable, start, height, onClick, onKeyDown }: PluginRowProps) {
  const plugin = useStudio((s) => s.plugins[id]);
  const pending = useStudio((s) => s.pending[id]);
  const failure = useStudio((s) => s.rowFailures[id]);
  const actions = useActions();
  if (!plugin) return null;

  const error = failure ?? plugin.error;
  const busy = pending !== undefined || plugin.state === 'starting' || plugin.state === 'stopping';
  const methods = plugin.methods.length;

  return (
    <div
      role="row"
      aria-level={2}
      aria-rowindex={index + 2}
      aria-label={rowName(plugin)}
      aria-selected={picked}
      aria-current={selected || undefined}
      className={`row plugin-row list-cols${selected ? ' is-selected' : ''}${picked ? ' is-picked' : ''}`}
      data-index={index}
      data-plugin-id={id}
      tabIndex={focusable ? 0 : -1}
      style={start === undefined ? undefined : { transform: `translateY(${start}px)`, height }}
      onClick={(e) => onClick(id, e)}
      onKeyDown={onKeyDown && ((e) => onKeyDown(index, e))}
    >
      <span role="gridcell" className="col-state">
        <StateBadge plugin={plugin} pendingSince={pending?.since} showLazy={false} showNextAttempt={false} />
      </span>
      <span role="gridcell" className="col-name">
        <span className="row-line">
          <PluginText className="row-name" text={plugin.name || plugin.id} />
          {plugin.lazyLoad && <span className="tag tag-lazy">Lazy</span>}
          {isFatal(plugin) && <RestartButton id={id} small />}
        </span>
        {error && (
          <span className="row-sub row-error" title={visibleText(`${error.code}: ${error.message}\n${error.hint}`, { lines: true })}>
            <PluginText text={`${error.code}: ${error.message}`} />
          </span>
        )}
      </span>
      <span role="gridcell" className="col-methods num" title={visibleText(plugin.methods.join(', '))}>
        {plugin.state === 'started' ? methodsText(methods) : '—'}
      </span>
      <span role="gridcell" className="col-process">
        <ProcessSummary plugin={plugin} />
      </span>
      <span role="gridcell" className="col-socket mono" title={visibleText(plugin.sock)}>
        <PluginText text={shortPath(plugin.sock, 40)} />
      </span>
      <span role="gridcell" className="col-actions">
        <Switch
          checked={plugin.state === 'started'}
          label={`Toggle ${visibleText(plugin.id)}`}
          disabled={busy}
          busy={busy}
          onChange={() => void actions.togglePlugin(id)}
        />
      </span>
    </div>
  );
});
