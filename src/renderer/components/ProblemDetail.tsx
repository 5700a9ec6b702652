/**
 * A problem file selected from the Problems group: what kind of problem, then the pconf view,
 * which says why (once) and lets the person fix the file. Once fixed, the plugin it now holds is
 * a click away.
 */
import { useStudio } from '../store/context.js';
import { PconfTab } from './PconfTab.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import { ViewBoundary } from './ViewBoundary.js';
import './StateBadge.css';
import './ProblemDetail.css';

const KIND_TEXT = {
  invalid: 'Not a valid .pconf',
  conflict: 'Conflicts with another file',
  'not-regular': 'Not a regular file',
  'too-large': 'Too large',
  unreadable: 'Cannot be read',
  insecure: 'Refused for safety',
} as const;

export function ProblemDetail({ path }: { path: string }) {
  const problem = useStudio((s) => s.problems[path]);
  const fixed = useStudio((s) => (s.problems[path] ? undefined : Object.values(s.plugins).find((p) => p.confPath === path)?.id));
  const select = useStudio((s) => s.select);
  return (
    <section className="detail" aria-label={visibleText(problem?.fileName ?? path)}>
      <div className="detail-header">
        <h2 className="detail-title mono">
          <PluginText text={problem?.fileName ?? path} />
        </h2>
        {problem ? (
          <span className="badge badge-problem">
            <span className="badge-dot" aria-hidden="true" />
            <span className="badge-label">{KIND_TEXT[problem.kind]}</span>
          </span>
        ) : (
          <span className="muted">No longer a problem</span>
        )}
        {fixed !== undefined && (
          <button type="button" className="btn btn-small btn-primary" onClick={() => select({ kind: 'plugin', id: fixed })}>
            Open plugin <PluginText className="mono" text={fixed} />
          </button>
        )}
      </div>
      <div className="tab-panel">
        <ViewBoundary label="pconf" resetKey={problem}>
          <PconfTab path={path} refreshKey={problem?.reason} />
        </ViewBoundary>
      </div>
    </section>
  );
}
