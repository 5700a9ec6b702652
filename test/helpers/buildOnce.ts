/**
 * Compiles the Node parts (tsconfig.build.json) into a private folder for tests that run the
 * compiled files as real processes. A private outDir, not dist/, so parallel test files and
 * other builds never see each other's half-written output. It sits inside the repository (in
 * the ignored dist/) so that ESM "type": "module" and package-root lookups work as from dist/.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface Build {
  outDir: string;
  remove(): Promise<void>;
}

/**
 * tsc emits even when files that are not ours fail to type-check (others may be mid-work), so
 * success means: every file in `needed` (relative to outDir) was emitted.
 */
export async function buildNode(needed: string[]): Promise<Build> {
  const outDir = join(REPO_ROOT, 'dist', `.test-build-${process.pid}-${Date.now()}`);
  const tsc = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');
  let output = '';
  try {
    await promisify(execFile)(tsc, ['-p', 'tsconfig.build.json', '--outDir', outDir], {
      cwd: REPO_ROOT,
      timeout: 120_000,
    });
  } catch (err) {
    output = String((err as { stdout?: string }).stdout ?? err);
  }
  const missing = needed.filter((file) => !existsSync(join(outDir, file)));
  if (missing.length > 0) {
    await rm(outDir, { recursive: true, force: true });
    throw new Error(`build did not emit ${missing.join(', ')}:\n${output}`);
  }
  return { outDir, remove: () => rm(outDir, { recursive: true, force: true }) };
}
