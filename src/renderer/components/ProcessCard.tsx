/**
 * The Overview's facts about a launched plugin's process: what it does, pid, uptime, restarts,
 * crashes, the last exit, CPU and memory; Restart when the supervisor gave up on it.
 */
import type { PluginSnapshot, ProcessInfo } from '../../shared/contract.js';
import { useNow } from '../hooks/useNow.js';
import { formatBytes, formatClock, formatDateTime } from '../lib/format.js';
import {
  COUNTDOWN_TICK_MS,
  describeExit,
  formatCpu,
  formatUptime,
  nextAttemptText,
  PROCESS_STATE_TEXT,
  uptimeAt,
} from '../lib/processFacts.js';
import { RestartButton } from './RestartButton.js';
import { PluginText } from './PluginText.js';
import './ProcessCard.css';

const none = <span className="muted">—</span>;

function Facts({ proc }: { proc: ProcessInfo }) {
  const running = proc.pid !== null;
  const waiting = proc.state === 'backoff';
  const now = useNow(waiting ? COUNTDOWN_TICK_MS : 1000, running || waiting);
  const uptime = uptimeAt(proc, now);
  const exit = proc.lastExit;
  const unsampled = running ? <span className="muted">not sampled yet</span> : none;
  return (
    <dl className="facts num">
      <dt>PID</dt>
      <dd>{proc.pid ?? none}</dd>
      <dt>Uptime</dt>
      <dd title={proc.startedAt === null ? undefined : `since ${formatDateTime(proc.startedAt)}`}>
        {uptime === null ? none : formatUptime(uptime)}
      </dd>
      <dt>Restarts</dt>
      <dd title="Automatic restarts after a crash, since it was last started by hand (one waiting to happen counts)">
        {proc.restarts + (waiting ? 1 : 0)} <span className="muted">automatic{waiting ? ', the last one pending' : ''}</span>
      </dd>
      <dt>Recent crashes</dt>
      <dd>{proc.recentCrashes}</dd>
      <dt>Last exit</dt>
      <dd>
        {exit ? (
          <>
            {describeExit(exit)}{' '}
            <span className="muted" title={formatDateTime(exit.at)}>
              at {formatClock(exit.at)} ({exit.requested ? 'asked for' : 'not asked for'})
            </span>
          </>
        ) : (
          none
        )}
      </dd>
      {proc.nextRestartAt !== null && (
        <>
          <dt>Next attempt</dt>
          <dd title={formatDateTime(proc.nextRestartAt)}>
            {nextAttemptText(proc.nextRestartAt, now)}
          </dd>
        </>
      )}
      <dt>CPU</dt>
      <dd>{proc.cpuPercent === null ? unsampled : formatCpu(proc.cpuPercent)}</dd>
      <dt>Memory (RSS)</dt>
      <dd>{proc.rssBytes === null ? unsampled : formatBytes(proc.rssBytes)}</dd>
    </dl>
  );
}

export function ProcessCard({ plugin }: { plugin: PluginSnapshot }) {
  const proc = plugin.process;
  const fatal = proc?.state === 'fatal';
  return (
    <section className={`card${fatal ? ' card-fatal' : ''}`} aria-label="Process">
      <div className="card-head">
        <h3>Process</h3>
        <span className={fatal ? 'text-error' : 'muted'}>{proc ? PROCESS_STATE_TEXT[proc.state] : 'not launched yet'}</span>
        <span className="spacer" />
        {fatal && <RestartButton id={plugin.id} small />}
      </div>
      {proc?.message && proc.state !== 'running' && (
        <p className={fatal ? 'text-error' : 'muted'}>
          <PluginText text={proc.message} lines />
        </p>
      )}
      {proc ? <Facts proc={proc} /> : <p className="muted">Its switch (or Start) launches the process from its manifest.</p>}
    </section>
  );
}
