/**
 * Collections for the Studio: list, save, pick and run `*.collection.json` files. The page is
 * untrusted, so it reaches only collection files inside the watched folders (pathGuard), plus
 * the files the person picked in a native dialog, one by one (their pick is the approval; the
 * service remembers it until it closes).
 */
import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { readCollectionFile, writeCollectionFile } from '../../core/collections/collectionFile.js';
import { COLLECTION_SUFFIX } from '../../core/collections/collectionSchema.js';
import { runCollection } from '../../core/collections/runner.js';
import type { CollectionFile } from '../../shared/contract.js';
import { ServiceError } from '../apiError.js';
import type { Handlers, ServiceContext } from '../context.js';
import { ownFile } from '../pathGuard.js';

type CollectionHandlers = Pick<
  Handlers,
  'listCollections' | 'saveCollection' | 'pickCollectionFile' | 'runCollection' | 'cancelCollectionRun'
>;

export function collectionHandlers(ctx: ServiceContext): CollectionHandlers {
  const picked = new Set<string>();
  const runs = new Map<string, AbortController>();
  const folders = () => ctx.settings.get().folders;
  const allowed = async (path: string, action: string): Promise<string> =>
    picked.has(resolve(path)) ? resolve(path) : ownFile(path, { folders: folders(), suffixes: [COLLECTION_SUFFIX] }, action);
  const describe = async (path: string): Promise<CollectionFile> => {
    // A link in a watched folder may lead anywhere: what it leads to is not read for the page.
    const refused = await allowed(path, 'listCollections').then(
      () => null,
      (err: unknown) => (err instanceof ServiceError ? err.message : String(err)),
    );
    const read = refused === null ? await readCollectionFile(path, basename(path)) : { ok: false as const, message: refused };
    return {
      path,
      fileName: basename(path),
      collection: read.ok ? read.collection : null,
      problem: read.ok ? null : read.message,
      picked: picked.has(path),
    };
  };
  return {
    listCollections: async () => {
      const paths: string[] = [];
      for (const folder of folders()) {
        const names = await readdir(folder).catch(() => []);
        const own = names.filter((n) => n.endsWith(COLLECTION_SUFFIX) && n !== COLLECTION_SUFFIX && !n.startsWith('.'));
        paths.push(...own.sort().map((n) => join(resolve(folder), n)));
      }
      for (const path of picked) if (!paths.includes(path)) paths.push(path);
      return Promise.all(paths.map(describe));
    },
    saveCollection: async ({ path, collection }) => {
      const target = await allowed(path, 'saveCollection');
      await writeCollectionFile(target, collection);
      return { path: target };
    },
    pickCollectionFile: async ({ purpose, suggestedName }) => {
      const pick = ctx.platformHandlers.pickCollectionFile;
      if (pick === undefined) {
        throw new ServiceError(
          'UNSUPPORTED',
          'Picking a collection file is not available in web mode.',
          `Keep the collection as a ${COLLECTION_SUFFIX} file in a watched folder, or use the desktop app.`,
        );
      }
      const path = await pick(purpose, suggestedName);
      if (path !== null) picked.add(resolve(path));
      return { path: path === null ? null : resolve(path) };
    },
    runCollection: async ({ path, runId }) => {
      if (runs.has(runId)) throw new ServiceError('INVALID_REQUEST', `runCollection: run ${runId} is already running`);
      const file = await allowed(path, 'runCollection');
      const read = await readCollectionFile(file, basename(file));
      if (!read.ok) throw new ServiceError('INVALID_REQUEST', read.message, 'Fix the collection file and run it again.');
      const controller = new AbortController();
      runs.set(runId, controller);
      try {
        const settings = ctx.settings.get();
        let index = 0;
        // Plugins it starts stay started, as after a Send in the console: the person stops them.
        const run = await runCollection(ctx.host.registry, read.collection, {
          timeoutMs: settings.requestTimeoutMs,
          maxResponseBytes: settings.maxResponseBytes,
          signal: controller.signal,
          // The page shows each request's verdict as it comes, not only when the whole run ends.
          onResult: (result) => ctx.emit({ type: 'collection-result', runId, index: index++, result }),
        });
        return { ...run, path: file };
      } finally {
        runs.delete(runId);
      }
    },
    cancelCollectionRun: async ({ runId }) => {
      runs.get(runId)?.abort(new ServiceError('INVALID_REQUEST', 'The collection run was cancelled'));
    },
  };
}
