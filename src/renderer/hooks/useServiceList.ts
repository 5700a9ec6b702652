import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../shared/contract.js';
import { toApiError } from '../api/ApiCallError.js';

export interface ServiceList<T> {
  /** Null until the first answer. */
  files: T[] | null;
  /** The last failure; the list from before it stays. */
  error: ApiError | null;
  reload: () => void;
}

/**
 * A list of files the service answers (`load`, a stable action), asked again whenever `key`
 * changes (a string, so that unrelated store changes do not ask again) or on reload.
 */
export function useServiceList<T>(load: () => Promise<T[]>, key: string): ServiceList<T> {
  const [round, setRound] = useState(0);
  const [result, setResult] = useState<{ files: T[] | null; error: ApiError | null }>({ files: null, error: null });

  useEffect(() => {
    let current = true;
    load().then(
      (files) => current && setResult({ files, error: null }),
      (err: unknown) => current && setResult((r) => ({ files: r.files, error: toApiError(err) })),
    );
    return () => {
      current = false;
    };
  }, [load, key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...result, reload };
}
