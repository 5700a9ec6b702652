/**
 * Collections: list, save, pick and run collection files. Each throws ApiCallError, so that the
 * Collections page and the Save request form show a failure in place, beside what caused it.
 */
import type { Collection, CollectionFile, CollectionRunResult, StudioApi } from '../../shared/contract.js';
import type { StudioStore } from './studioStore.js';

export interface CollectionActions {
  listCollections(): Promise<CollectionFile[]>;
  /** Resolves with the path written. */
  saveCollection(path: string, collection: Collection): Promise<string>;
  /** The desktop app's file dialog (its pick lets the page use that file); null when cancelled. */
  pickCollectionFile(purpose: 'open' | 'save', suggestedName?: string): Promise<string | null>;
  runCollection(path: string, runId: string): Promise<CollectionRunResult>;
  cancelCollectionRun(runId: string): Promise<void>;
}

export function createCollectionActions(api: StudioApi, store: StudioStore): CollectionActions {
  const log = (event: string, message: string, level: 'info' | 'error' = 'info') =>
    store.getState().log({ event, message, level });
  return {
    listCollections: () => api.listCollections({}),
    async saveCollection(path, collection) {
      const saved = await api.saveCollection({ path, collection });
      log('collection saved', saved.path);
      return saved.path;
    },
    async pickCollectionFile(purpose, suggestedName) {
      return (await api.pickCollectionFile(suggestedName === undefined ? { purpose } : { purpose, suggestedName })).path;
    },
    async runCollection(path, runId) {
      // The service tells each result as it comes (collection-result events): kept until the run answers.
      const forget = () => {
        const { [runId]: _done, ...others } = store.getState().collectionRuns;
        store.setState({ collectionRuns: others });
      };
      store.setState({ collectionRuns: { ...store.getState().collectionRuns, [runId]: [] } });
      const run = await api.runCollection({ path, runId }).finally(forget);
      const failed = run.results.filter((r) => !r.passed).length;
      const told = `${run.name}: ${run.results.length - failed} passed, ${failed} failed${run.cancelled ? ' (cancelled)' : ''}`;
      log('collection run', told, failed > 0 ? 'error' : 'info');
      return run;
    },
    cancelCollectionRun: (runId) => api.cancelCollectionRun({ runId }),
  };
}
