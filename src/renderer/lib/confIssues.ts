/**
 * What is wrong with a .pconf, as the pconf view lists and marks it: the parse's error and
 * warnings, else the reason the file was refused; each message once, without the file's name
 * in front (the view names the file already).
 */
import type { ConfIssue, PconfParse, ProblemFile } from '../../shared/contract.js';
import type { LineIssue } from '../components/CodeView.js';

export type ShownIssue = ConfIssue & { severity: 'error' | 'warning' };

export function confIssues(
  result: PconfParse | null,
  problem: ProblemFile | undefined,
  fileName: string,
): ShownIssue[] {
  const list: ShownIssue[] = [];
  if (result && !result.ok) list.push({ ...result.error, severity: 'error' });
  for (const w of result?.warnings ?? []) list.push({ ...w, severity: 'warning' });
  // A refusal the parse does not explain (too large, unsafe, a conflict): its reason.
  if (problem && !(result && !result.ok)) {
    const { line, column } = problem;
    list.push({
      message: problem.reason,
      severity: 'error',
      ...(line ? { line } : {}),
      ...(column ? { column } : {}),
    });
  }
  const prefix = `${fileName}: `;
  return list.map((i) =>
    i.message.startsWith(prefix) ? { ...i, message: i.message.slice(prefix.length) } : i,
  );
}

/** The issues with a place, as the code view marks them. */
export function lineIssues(issues: readonly ShownIssue[]): LineIssue[] {
  return issues.flatMap((i) =>
    i.line === undefined
      ? []
      : [
          {
            line: i.line,
            message: i.message,
            severity: i.severity,
            ...(i.column ? { column: i.column } : {}),
          },
        ],
  );
}
