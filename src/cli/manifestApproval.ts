/**
 * Approving launch manifests from a terminal (`goplug trust`, `goplug up --trust`): the person
 * typed the command, so it is their approval. Each manifest is read and checked as the registry
 * would (a manifest others may write is refused), and the exact command line approved is printed.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { commandLine } from '../core/launcher/approvals.js';
import { isManifestFile, readManifestFile } from '../core/launcher/index.js';
import { manifestTrustProblem } from '../core/launcher/manifestTrust.js';
import { printable } from '../core/text/safeText.js';
import { formatPluginId } from '../core/pluginId.js';
import type { ApprovalStore } from '../service/approvalStore.js';

/** One line saying what was approved, or why not; `ok` false when it was refused. */
export async function approveManifestFile(
  store: ApprovalStore,
  file: string,
): Promise<{ ok: boolean; line: string }> {
  const path = resolve(file);
  const read = await readManifestFile(path);
  if (read.kind === 'problem') return { ok: false, line: printable(`not approved: ${read.problem.reason}`) };
  const distrust = await manifestTrustProblem(path, read.file, []);
  if (distrust) return { ok: false, line: printable(`not approved: ${distrust.reason}`) };
  await store.approve(path, read.manifest);
  const id = formatPluginId(read.manifest.namespace, read.manifest.name);
  // commandLine() is printable already; the rest comes from the file and its name.
  return { ok: true, line: `${printable(`approved ${id} (${path}):`)} ${commandLine(read.manifest)}` };
}

/** The launch manifests directly inside the folders. */
export async function manifestsIn(folders: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const folder of folders) {
    const names = await readdir(folder).catch(() => [] as string[]);
    found.push(
      ...names
        .filter((name) => isManifestFile(name))
        .sort()
        .map((name) => join(resolve(folder), name)),
    );
  }
  return found;
}
