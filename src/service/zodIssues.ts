/** zod's complaints in one line a person reads: `folders.0: Too small: ...; theme: Invalid option ...`. */
import type { z } from 'zod';

/** One part per issue, `<path>: <message>`; an issue about the whole value is named `whole`, or not at all. */
export function issuesText(issues: readonly z.core.$ZodIssue[], whole?: string): string {
  return issues
    .map((issue) => {
      const where = issue.path.length === 0 ? whole : issue.path.map(String).join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
