/** The repository (the folder holding package.json), found above this compiled file. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function repoRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
