/**
 * The selected plugin's title line: name, id, state and its action: Start/Stop, or Restart when
 * the supervisor gave up on it (Fatal), plus "Stop restarting" while a crash restart waits.
 */
import type { PluginSnapshot } from '../../shared/contract.js';
import { isFatal } from '../lib/pluginState.js';
import { useActions, useStudio } from '../store/context.js';
import { RestartButton } from './RestartButton.js';
import { StateBadge } from './StateBadge.js';
import { PluginText } from './PluginText.js';

export function PluginHeader({ plugin }: { plugin: PluginSnapshot }) {
  const pending = useStudio((s) => s.pending[plugin.id]);
  const actions = useActions();
  const busy = pending !== undefined || plugin.state === 'starting' || plugin.state === 'stopping';
  const running = plugin.state === 'started';
  const waitingToRestart = plugin.process?.state === 'backoff';
  return (
    <div className="detail-header">
      <h2 className="detail-title">
        <PluginText text={plugin.name || plugin.id} />
      </h2>
      <PluginText className="mono muted" text={plugin.id} />
      <StateBadge plugin={plugin} pendingSince={pending?.since} />
      <span className="spacer" />
      {waitingToRestart && (
        <button type="button" className="btn" disabled={busy} onClick={() => void actions.stopPlugin(plugin.id)}>
          Stop restarting
        </button>
      )}
      {isFatal(plugin) ? (
        <RestartButton id={plugin.id} />
      ) : (
        <button
          type="button"
          className={running ? 'btn' : 'btn btn-primary'}
          disabled={busy}
          onClick={() => void actions.togglePlugin(plugin.id)}
        >
          {busy ? (pending?.action === 'stop' || plugin.state === 'stopping' ? 'Stopping…' : 'Starting…') : running ? 'Stop' : 'Start'}
        </button>
      )}
    </div>
  );
}
