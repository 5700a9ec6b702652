/** A problem file selected from the Problems group: its reason, then the inspector. */
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
      </div>
      {problem && (
        <p className="problem-reason-line">
          <PluginText text={problem.reason} lines />
        </p>
      )}
      <div className="tab-panel">
        <ViewBoundary label="pconf" resetKey={problem}>
          <PconfTab path={path} refreshKey={problem?.reason} />
        </ViewBoundary>
      </div>
    </section>
  );
}
