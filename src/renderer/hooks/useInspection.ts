import { useCallback, useEffect, useState } from 'react';
import type { ApiError, PconfInspection } from '../../shared/contract.js';
import { toApiError } from '../api/ApiCallError.js';
import { useActions } from '../store/context.js';

export interface Inspection {
  data: PconfInspection | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Inspects a .pconf (file, parse, socket) when `path` changes or on reload; stale answers are dropped. */
export function useInspection(path: string, refreshKey: unknown = null): Inspection {
  const actions = useActions();
  const [round, setRound] = useState(0);
  const [result, setResult] = useState<{
    key: string;
    path: string;
    data: PconfInspection | null;
    error: ApiError | null;
  } | null>(null);
  const key = `${path}\n${round}\n${String(refreshKey)}`;

  useEffect(() => {
    let current = true;
    actions.inspect(path).then(
      (data) => current && setResult({ key, path, data, error: null }),
      (err: unknown) => current && setResult({ key, path, data: null, error: toApiError(err) }),
    );
    return () => {
      current = false;
    };
  }, [actions, path, key]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const fresh = result?.key === key;
  return {
    // Keep showing the previous answer for the same file while a reload is on its way (never
    // another file's: the pconf view would offer to edit it under this path).
    data: result?.path === path ? result.data : null,
    error: fresh ? (result?.error ?? null) : null,
    loading: !fresh,
    reload,
  };
}
