/**
 * One plugin in the list: badge, name, Lazy mark, method count, and on a second line the last
 * failure, its launched process (pid, uptime, CPU, memory, restarts) or the socket path; the
 * on/off switch at the right edge, with Restart beside it when the supervisor gave up (Fatal).
 */
import type { CSSProperties, KeyboardEvent } from 'react';
import { useActions, useStudio } from '../store/context.js';
import { isFatal } from '../lib/pluginState.js';
import { shortPath } from '../lib/shortPath.js';
import { ProcessSummary } from './ProcessSummary.js';
import { RestartButton } from './RestartButton.js';
import { StateBadge } from './StateBadge.js';
import { Switch } from './Switch.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import './PluginRow.css';

export interface PluginRowProps {
  id: string;
  index: number;
  selected: boolean;
  /** The row that takes Tab focus (roving tabindex). */
  focusable: boolean;
  onOpen: (id: string) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
  style?: CSSProperties;
}

export function PluginRow({ id, index, selected, focusable, onOpen, onKeyDown, style }: PluginRowProps) {
  const plugin = useStudio((s) => s.plugins[id]);
  const pending = useStudio((s) => s.pending[id]);
  const failure = useStudio((s) => s.rowFailures[id]);
  const actions = useActions();
  if (!plugin) return null;

  const error = failure ?? plugin.error;
  const busy = pending !== undefined || plugin.state === 'starting' || plugin.state === 'stopping';
  const methods = plugin.methods.length;
  const proc = plugin.process;

  return (
    <div className={`row plugin-row${selected ? ' is-selected' : ''}`} role="listitem" style={style}>
      <button
        type="button"
        className="row-main"
        data-index={index}
        tabIndex={focusable ? 0 : -1}
        aria-label={visibleText(plugin.id)}
        aria-current={selected || undefined}
        onClick={() => onOpen(id)}
        onKeyDown={onKeyDown}
      >
        <span className="row-line">
          <StateBadge plugin={plugin} pendingSince={pending?.since} showLazy={false} showNextAttempt={false} />
          <PluginText className="row-name" text={plugin.name || plugin.id} />
          {plugin.lazyLoad && <span className="tag tag-lazy">Lazy</span>}
          <span className="row-count num" title={visibleText(plugin.methods.join(', '))}>
            {plugin.state === 'started' ? `${methods} method${methods === 1 ? '' : 's'}` : ''}
          </span>
        </span>
        {error ? (
          <span className="row-sub row-error" title={visibleText(`${error.code}: ${error.message}\n${error.hint}`, { lines: true })}>
            <PluginText text={`${error.code}: ${error.message}`} />
          </span>
        ) : proc && proc.pid !== null ? (
          <ProcessSummary process={proc} />
        ) : (
          <span className="row-sub mono" title={visibleText(plugin.sock)}>
            <PluginText text={shortPath(plugin.sock, 30)} />
          </span>
        )}
      </button>
      {isFatal(plugin) && <RestartButton id={id} small />}
      <Switch
        checked={plugin.state === 'started'}
        label={`Toggle ${visibleText(plugin.id)}`}
        disabled={busy}
        busy={busy}
        onChange={() => void actions.togglePlugin(id)}
      />
    </div>
  );
}
