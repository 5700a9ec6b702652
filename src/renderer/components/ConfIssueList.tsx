/** A .pconf's issues, each once: kind, place (line:column of the text it was found in), message. */
import type { ShownIssue } from '../lib/confIssues.js';
import { PluginText } from './PluginText.js';

export function ConfIssueList({ issues }: { issues: readonly ShownIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="issues" aria-label="Issues">
      {issues.map((i, n) => (
        <li key={n} className={`issue issue-${i.severity}`}>
          <span className="issue-kind">{i.severity === 'error' ? 'Error' : 'Warning'}</span>{' '}
          {i.line !== undefined && (
            <span className="mono muted">
              line {i.line}
              {i.column !== undefined ? `:${i.column}` : ''}
            </span>
          )}{' '}
          <PluginText text={i.message} />
        </li>
      ))}
    </ul>
  );
}
