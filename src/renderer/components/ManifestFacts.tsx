/** The Overview's view of a plugin's launch manifest: where it is and what it runs. */
import type { LaunchManifest } from '../../shared/contract.js';
import { commandLine } from '../lib/processFacts.js';
import { CopyButton } from './CopyButton.js';
import { PluginText } from './PluginText.js';

export function ManifestFacts({ path, manifest }: { path?: string; manifest: LaunchManifest }) {
  const command = commandLine(manifest);
  const env = Object.keys(manifest.env);
  return (
    <section className="card" aria-label="Launch manifest">
      <div className="card-head">
        <h3>Launch manifest</h3>
        <span className="spacer" />
        <CopyButton text={command} label="Copy command line" />
      </div>
      <dl className="facts">
        <dt>File</dt>
        <dd className="mono">{path ?? <span className="muted">none: launched by this Studio (a sample)</span>}</dd>
        <dt>Command line</dt>
        <dd className="mono">
          <PluginText text={command} />
        </dd>
        <dt>Working folder</dt>
        <dd className="mono">
          <PluginText text={manifest.cwd} />
        </dd>
        {env.length > 0 && (
          <>
            <dt>Environment</dt>
            <dd className="mono">{env.join(', ')}</dd>
          </>
        )}
        <dt>Restart</dt>
        <dd>
          <span className="mono">{manifest.restart}</span>
          <span className="muted"> · autoStart {manifest.autoStart ? 'on' : 'off'} · stop within {manifest.stopTimeoutMs} ms</span>
        </dd>
      </dl>
    </section>
  );
}
