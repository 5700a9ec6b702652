/**
 * Files the registry could not take (invalid, too large, unreadable, or losing a claim to another
 * file), by path. A problem is news once: the same one found again (a re-read, a rescan) is not.
 */
import { dirname } from 'node:path';
import type { ProblemFile, RegistryEvent } from '../types.js';
import { compare } from './claims.js';

export class ProblemFiles {
  private readonly byPath = new Map<string, ProblemFile>();

  constructor(private readonly emit: (event: RegistryEvent) => void) {}

  get(path: string): ProblemFile | undefined {
    return this.byPath.get(path);
  }

  paths(): string[] {
    return [...this.byPath.keys()];
  }

  list(): ProblemFile[] {
    return [...this.byPath.values()].sort((a, b) => compare(a.path, b.path));
  }

  set(problem: ProblemFile): void {
    const known = this.byPath.get(problem.path);
    this.byPath.set(problem.path, problem);
    if (!known || JSON.stringify(known) !== JSON.stringify(problem)) this.emit({ type: 'problem', problem });
  }

  clear(path: string): void {
    if (this.byPath.delete(path)) this.emit({ type: 'problem-cleared', path });
  }

  /** Files that lost the claim on `id` are problems naming the winner; the winner has none. */
  reportConflicts(
    id: string,
    claims: { winner: { path: string } | undefined; losers: Array<{ path: string }> },
  ): void {
    const { winner, losers } = claims;
    if (!winner) return;
    for (const loser of losers) {
      if (this.byPath.get(loser.path)?.winner === winner.path) continue;
      this.set({
        path: loser.path,
        fileName: loser.path.slice(dirname(loser.path).length + 1),
        kind: 'conflict',
        reason: `claims plugin ${id}, which ${winner.path} already holds`,
        id,
        winner: winner.path,
      });
      this.emit({ type: 'conflict', id, winner: winner.path, loser: loser.path });
    }
    this.clear(winner.path);
  }
}
