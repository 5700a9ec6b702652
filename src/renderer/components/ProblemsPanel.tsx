/** Files that are not plugins, at the bottom of the list in the warning colour; click to inspect. Folding it is remembered. */
import { useMemo } from 'react';
import { useStudio } from '../store/context.js';
import { visibleText } from '../lib/visibleText.js';
import { PluginText } from './PluginText.js';
import './ProblemsPanel.css';

export function ProblemsPanel() {
  const problems = useStudio((s) => s.problems);
  const selection = useStudio((s) => s.selection);
  const select = useStudio((s) => s.select);
  const open = useStudio((s) => s.layout.problemsOpen);
  const setLayout = useStudio((s) => s.setLayout);
  const setOpen = (problemsOpen: boolean) => setLayout({ problemsOpen });
  const list = useMemo(
    () => Object.values(problems).sort((a, b) => a.fileName.localeCompare(b.fileName) || a.path.localeCompare(b.path)),
    [problems],
  );
  if (list.length === 0) return null;

  return (
    <section className="problems" aria-label="Problems">
      <button type="button" className="problems-header" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="warn-icon" aria-hidden="true">
          ▲
        </span>
        Problems: <span className="num">{list.length}</span>
      </button>
      {open && (
        <ul className="problems-list">
          {list.map((p) => (
            <li key={p.path}>
              <button
                type="button"
                className={`problem-row${selection?.kind === 'problem' && selection.path === p.path ? ' is-selected' : ''}`}
                title={visibleText(`${p.path}\n${p.reason}`, { lines: true })}
                onClick={() => select({ kind: 'problem', path: p.path })}
              >
                <PluginText className="problem-file mono" text={p.fileName} />
                <PluginText className="problem-reason" text={p.reason} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
