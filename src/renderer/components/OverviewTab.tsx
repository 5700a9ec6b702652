/**
 * Everything about one plugin at a glance: identity, its launched process and manifest, socket,
 * methods, last error, warnings, history.
 */
import type { DescribedName, PluginSnapshot } from '../../shared/contract.js';
import { useInspection } from '../hooks/useInspection.js';
import { exampleBody, methodOptions } from '../lib/describedNames.js';
import { formatClock, formatDateTime } from '../lib/format.js';
import { useStudio } from '../store/context.js';
import { ApprovalCard } from './ApprovalCard.js';
import { ErrorCallout } from './ErrorCallout.js';
import { ManifestFacts } from './ManifestFacts.js';
import { OriginCard } from './OriginCard.js';
import { ProcessCard } from './ProcessCard.js';
import { SocketStatusView } from './SocketStatusView.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import { compactJson } from '../lib/jsonShape.js';
import { focusWhenShown } from '../lib/focusWhenShown.js';
import './OverviewTab.css';

/** The socket as the inspector sees it; only for plugins whose .pconf is known. */
function SocketSection({ plugin }: { plugin: PluginSnapshot }) {
  // Re-inspect whenever the plugin's state changes: that is when the socket appears or goes.
  const { data, error, loading, reload } = useInspection(plugin.confPath, plugin.state);
  return (
    <section className="card" aria-label="Socket">
      <div className="card-head">
        <h3>Socket</h3>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={reload} disabled={loading}>
          {loading ? 'Checking…' : 'Check again'}
        </button>
      </div>
      {data?.socket ? (
        <SocketStatusView socket={data.socket} />
      ) : (
        <dl className="facts">
          <dt>Path</dt>
          <dd className="mono">
            <PluginText text={plugin.sock} />
          </dd>
        </dl>
      )}
      {plugin.unreachable && <p className="text-error">The last attempt to reach this socket failed.</p>}
      {error && (
        <p className="muted">
          Socket status unavailable: <PluginText text={error.message} />
        </p>
      )}
    </section>
  );
}

export function OverviewTab({ plugin }: { plugin: PluginSnapshot }) {
  const updateConsole = useStudio((s) => s.updateConsole);
  const setTab = useStudio((s) => s.setTab);
  const methods = methodOptions(plugin);
  const described = methods.some((m) => m.description !== undefined);
  // As choosing it in the console's picker: its example, if the plugin gave one, is the body.
  const tryMethod = (method: DescribedName) => {
    updateConsole(plugin.id, { method: method.name, ...(method.example && exampleBody(method.example)) });
    setTab('console');
    // The person came to write the body: put the caret there (the editor may still be loading).
    focusWhenShown('[contenteditable="true"][aria-label="Request body"]');
  };
  const extras = Object.entries(plugin.extras);

  return (
    <div className="overview">
      {plugin.error && <ErrorCallout error={plugin.error} title="Last error" />}
      {plugin.waitingApproval && plugin.manifestPath && (
        <ApprovalCard manifestPath={plugin.manifestPath} commandLine={plugin.waitingApproval.commandLine} />
      )}

      <section className="card" aria-label="Identity">
        <h3>Identity</h3>
        <dl className="facts">
          <dt>Name</dt>
          <dd className="mono">
            <PluginText text={plugin.name} />
          </dd>
          <dt>NameSpace</dt>
          <dd className="mono">{plugin.namespace ? <PluginText text={plugin.namespace} /> : <span className="muted">(none)</span>}</dd>
          <dt>Id</dt>
          <dd className="mono">
            <PluginText text={plugin.id} />
          </dd>
          <dt>Url</dt>
          <dd className="mono">{plugin.url ? <PluginText text={plugin.url} /> : <span className="muted">(empty)</span>}</dd>
          <dt>LazyLoad</dt>
          <dd>{plugin.lazyLoad ? 'yes: started on first use' : 'no'}</dd>
          <dt>.pconf</dt>
          <dd className="mono">
            {plugin.confPath ? <PluginText text={plugin.confPath} /> : <span className="muted">unknown</span>}
            {plugin.confRemoved && <span className="muted"> (gone: these are its last values)</span>}
          </dd>
        </dl>
      </section>

      <OriginCard plugin={plugin} />
      {(plugin.manifest || plugin.process) && <ProcessCard plugin={plugin} />}
      {plugin.manifest && <ManifestFacts path={plugin.manifestPath} manifest={plugin.manifest} />}

      {plugin.confPath ? (
        <SocketSection plugin={plugin} />
      ) : (
        <section className="card" aria-label="Socket">
          <h3>Socket</h3>
          {plugin.sock ? (
            <p className="mono">
              <PluginText text={plugin.sock} />
            </p>
          ) : (
            <p className="muted">Not known yet: the plugin names it in its .pconf once its process is ready.</p>
          )}
        </section>
      )}

      <section className="card" aria-label="Methods">
        <h3>
          Methods <span className="muted num">{methods.length}</span>
        </h3>
        {methods.length === 0 ? (
          <p className="muted">
            {plugin.state === 'started' ? 'The plugin listed no methods.' : 'Methods are listed once the plugin is started.'}
          </p>
        ) : (
          // Described methods one per line, each with what it does; bare names as a row of chips.
          <ul className={described ? 'chips chips-described' : 'chips'}>
            {methods.map((m, i) => (
              <li key={`${i}:${m.name}`}>
                <button
                  type="button"
                  className="chip mono"
                  title={`Open ${visibleText(m.name)} in the console`}
                  onClick={() => tryMethod(m)}
                >
                  <PluginText text={m.name} />
                </button>
                {m.description !== undefined && <PluginText className="muted chip-description" text={m.description} />}
              </li>
            ))}
          </ul>
        )}
        {plugin.activationOutput && (
          <>
            <h4>Activation output</h4>
            <pre className="code-block">
              <PluginText text={plugin.activationOutput} lines />
            </pre>
          </>
        )}
      </section>

      {plugin.warnings.length > 0 && (
        <section className="card" aria-label="Warnings">
          <h3>Warnings</h3>
          <ul className="issues">
            {plugin.warnings.map((w, i) => (
              <li key={i} className="issue issue-warning">
                {w.line !== undefined && <span className="mono muted">line {w.line}</span>} <PluginText text={w.message} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {extras.length > 0 && (
        <section className="card" aria-label="Extras">
          <h3>Extra keys in the .pconf</h3>
          <dl className="facts">
            {extras.map(([key, value]) => (
              <div key={key} className="fact-row">
                <dt className="mono">
                  <PluginText text={key} />
                </dt>
                <dd className="mono">
                  <PluginText text={compactJson(value)} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <section className="card" aria-label="State history">
        <h3>State history</h3>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">State</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {[...plugin.history].reverse().map((h, i) => (
              <tr key={i}>
                <td className="num" title={formatDateTime(h.at)}>
                  {formatClock(h.at, true)}
                </td>
                <td>{h.state}</td>
                <td>
                  <PluginText text={h.reason ?? ''} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
