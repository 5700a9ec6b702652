/**
 * Where files enter the registry: discovery (a watcher, a rescan) and launches name paths, and
 * each path is read here, a .pconf by readConf, a launch manifest by readManifest (the one place a
 * manifest is taken in). A file read well becomes a claim on its plugin id; a file that cannot be
 * read is a problem file; either way the id is reconciled.
 */
import { dirname } from 'node:path';
import { isManifestFile, readManifestFile } from '../launcher/index.js';
import { manifestTrustProblem } from '../launcher/manifestTrust.js';
import { readPconfFile } from '../pconf/index.js';
import { formatPluginId } from '../pluginId.js';
import type { ProblemFile } from '../types.js';
import { fileClaim, sameFile, type Claims, type FileClaim } from './claims.js';
import { scanFolders, watchFolders } from './discovery.js';
import { reconcile } from './reconcile.js';
import type { RegistryContext } from './registryContext.js';
import { writableByOthersWarning } from './socketTrust.js';

/** Watches the folders, then lists them once: a file written after the watch is ready is seen. */
export async function startDiscovery(ctx: RegistryContext): Promise<void> {
  ctx.watcher = await watchFolders(
    ctx.folders,
    ctx.isWatchedFile,
    {
      changed: (path) => void ctx.reads.refresh(path),
      removed: (path) => void fileRemoved(ctx, path),
      warning: (message, path) => ctx.emit({ type: 'warning', path, message }),
      folderChanged: () => void rescan(ctx).catch(() => undefined),
    },
    { polling: ctx.options.watchByPolling ?? false },
  );
  await rescan(ctx);
}

/** Re-reads every watched file in the folders; files that vanished are removed. */
export async function rescan(ctx: RegistryContext): Promise<void> {
  ctx.assertOpen();
  const { found, unlisted } = await scanFolders(ctx.folders, ctx.isWatchedFile, (message, path) =>
    ctx.emit({ type: 'warning', path, message }),
  );
  const present = new Set(found);
  // A folder that exists but cannot be listed says nothing about its files: keep what we know.
  const gone = (path: string) => !present.has(path) && !unlisted.includes(dirname(path));
  const known = new Set([...ctx.confs.paths(), ...ctx.manifests.paths(), ...ctx.problems.paths()]);
  // Manifests first: a .pconf found with its manifest known is launched afresh when it is stale.
  await Promise.all(found.filter(isManifestFile).map((path) => ctx.reads.refresh(path)));
  await Promise.all([
    ...found.filter((path) => !isManifestFile(path)).map((path) => ctx.reads.refresh(path)),
    ...[...known].filter(gone).map((path) => fileRemoved(ctx, path)),
  ]);
}

/** Reads one watched file; PathReads calls it, one read at a time per path. */
export async function readFile(ctx: RegistryContext, path: string, settled: boolean): Promise<void> {
  return isManifestFile(path) ? readManifest(ctx, path) : readConf(ctx, path, settled);
}

async function readConf(ctx: RegistryContext, path: string, settled: boolean): Promise<void> {
  const read = await readPconfFile(path, { maxBytes: ctx.options.maxConfBytes });
  if (ctx.closed) return;
  if (read.kind === 'problem') {
    if (read.incomplete && !read.missing && !settled) {
      // Most likely still being written: look again once it has had time to settle.
      ctx.reads.settleLater(path);
      return;
    }
    return refuse(ctx, path, read);
  }
  ctx.reads.cancelSettle(path);
  if (sameFile(ctx.confs.get(path), read)) return;
  const { conf } = read;
  const confWarning = writableByOthersWarning('.pconf', path, read.file.mode);
  const warnings = confWarning ? [...read.warnings, confWarning] : read.warnings;
  const record = fileClaim(ctx.folders, path, formatPluginId(conf.namespace, conf.name), read, {
    conf,
    warnings,
  });
  ctx.problems.clear(path);
  for (const warning of warnings)
    ctx.emit({ type: 'warning', id: record.id, path, message: warning.message });
  claim(ctx, ctx.confs, record);
}

/** The one place a launch manifest is taken in: read, checked, and claimed for its plugin id. */
async function readManifest(ctx: RegistryContext, path: string): Promise<void> {
  const read = await readManifestFile(path);
  if (ctx.closed) return;
  if (read.kind === 'problem') return refuse(ctx, path, read);
  // Manifests are code (src/core/launcher/manifestTrust.ts): one that is not ours alone is never used.
  // Before the "unchanged" check: a chmod changes neither the bytes nor the mtime.
  const distrust = await manifestTrustProblem(path, read.file, ctx.options.allowedSocketOwners ?? []);
  if (ctx.closed) return;
  if (distrust) return refuse(ctx, path, { problem: distrust });
  if (sameFile(ctx.manifests.get(path), read)) return;
  const { manifest } = read;
  const record = fileClaim(ctx.folders, path, formatPluginId(manifest.namespace, manifest.name), read, {
    manifest,
  });
  ctx.problems.clear(path);
  claim(ctx, ctx.manifests, record);
}

/** A file read well claims its id (and lets go of the id it claimed before, if another). */
function claim<R extends FileClaim>(ctx: RegistryContext, claims: Claims<R>, record: R): void {
  const formerId = claims.set(record);
  if (formerId) reconcile(ctx, formerId);
  reconcile(ctx, record.id);
}

/** A file that cannot be taken: gone (removed), or a problem file that claims nothing. */
function refuse(ctx: RegistryContext, path: string, read: { missing?: boolean; problem: ProblemFile }): void {
  if (read.missing) return fileRemoved(ctx, path);
  ctx.problems.set(read.problem);
  dropClaim(ctx, path);
}

function fileRemoved(ctx: RegistryContext, path: string): void {
  ctx.reads.cancelSettle(path);
  ctx.problems.clear(path);
  dropClaim(ctx, path);
}

function dropClaim(ctx: RegistryContext, path: string): void {
  const id = (isManifestFile(path) ? ctx.manifests : ctx.confs).delete(path);
  if (id !== undefined) reconcile(ctx, id);
}
