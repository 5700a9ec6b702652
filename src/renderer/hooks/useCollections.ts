import { useCallback, useEffect, useState } from 'react';
import type { ApiError, CollectionFile } from '../../shared/contract.js';
import { toApiError } from '../api/ApiCallError.js';
import { useActions, useStudio } from '../store/context.js';

export interface Collections {
  files: CollectionFile[] | null;
  error: ApiError | null;
  reload: () => void;
}

/** The collection files the page may use, listed again when the watched folders change, or on reload. */
export function useCollections(): Collections {
  const actions = useActions();
  // A string, so that unrelated store changes do not list again.
  const folders = useStudio((s) => (s.settings?.folders ?? []).join('\n'));
  const [round, setRound] = useState(0);
  const [result, setResult] = useState<{ files: CollectionFile[] | null; error: ApiError | null }>({ files: null, error: null });

  useEffect(() => {
    let current = true;
    actions.listCollections().then(
      (files) => current && setResult({ files, error: null }),
      (err: unknown) => current && setResult((r) => ({ files: r.files, error: toApiError(err) })),
    );
    return () => {
      current = false;
    };
  }, [actions, folders, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...result, reload };
}
