/**
 * The Overview's facts about who runs the plugin's process (issue 14 §1): launched here, by its
 * manifest, or elsewhere with its pid, command line and folder; the restarts seen; and what can be
 * done: Restart, remember its command, start it again (or why not), Forget once it is gone.
 */
import type { PluginSnapshot } from '../../shared/contract.js';
import {
  canForget,
  canRemember,
  canStartAgain,
  originCommand,
  originText,
  parentText,
  runsElsewhere,
  startAgainAdvice,
} from '../lib/pluginOrigin.js';
import { restartsText } from '../lib/processFacts.js';
import { useActions, useStudio } from '../store/context.js';
import { PluginText } from './PluginText.js';
import { RestartButton } from './RestartButton.js';

const none = <span className="muted">—</span>;

export function OriginCard({ plugin }: { plugin: PluginSnapshot }) {
  const actions = useActions();
  const pending = useStudio((s) => s.pending[plugin.id]);
  const origin = plugin.origin;
  const command = originCommand(origin);
  const parent = parentText(origin);
  const stopped = plugin.state === 'stopped';
  const startable = canStartAgain(plugin);
  return (
    <section className="card" aria-label="How it runs">
      <div className="card-head">
        <h3>How it runs</h3>
        <span className="muted">{originText(plugin)}</span>
        <span className="spacer" />
        {plugin.state === 'started' && startable && <RestartButton id={plugin.id} small />}
        {canRemember(plugin) && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void actions.rememberCommand(plugin.id)}
          >
            Remember its command
          </button>
        )}
        {canForget(plugin) && (
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Forget ${plugin.id}`}
            title="Remove it from the list; it comes back if its .pconf appears again"
            disabled={pending !== undefined}
            onClick={() => void actions.forgetPlugin(plugin.id)}
          >
            Forget
          </button>
        )}
      </div>
      {stopped && !startable && runsElsewhere(plugin) && (
        <p className="muted">
          <PluginText text={startAgainAdvice(plugin)} lines />
        </p>
      )}
      <dl className="facts num">
        <dt>PID</dt>
        <dd>
          {origin?.pid ?? none}
          {origin?.pconfPid !== undefined && (
            <span className="text-error">
              {' '}
              (its .pconf says {origin.pconfPid}, which does not serve the socket)
            </span>
          )}
        </dd>
        <dt>Command</dt>
        <dd className="mono">{command ? <PluginText text={command} /> : none}</dd>
        <dt>Folder</dt>
        <dd className="mono">{origin?.cwd ? <PluginText text={origin.cwd} /> : none}</dd>
        {parent && (
          <>
            <dt>Started by</dt>
            <dd className="mono">
              <PluginText text={parent} />
            </dd>
          </>
        )}
        <dt>Restarts</dt>
        <dd title="Times a new process took this id over after the last one ended, seen by this Studio">
          {restartsText(plugin.restarts ?? 0)}
        </dd>
      </dl>
    </section>
  );
}
