import { useCallback, useEffect, useState } from 'react';
import type { ApiError, ManifestFile } from '../../shared/contract.js';
import { toApiError } from '../api/ApiCallError.js';
import { useActions, useStudio } from '../store/context.js';

export interface Manifests {
  files: ManifestFile[] | null;
  error: ApiError | null;
  reload: () => void;
}

const isManifest = (path: string) => path.endsWith('.plugin.json');

/**
 * The launch manifests in the watched folders, listed again whenever one appears, goes or turns
 * into a problem file (the registry's events say so), or on reload.
 */
export function useManifests(): Manifests {
  const actions = useActions();
  // A string, so that unrelated store changes (stats, logs) do not list again.
  const known = useStudio((s) =>
    [
      ...s.settings?.folders ?? [],
      ...Object.values(s.plugins).map((p) => p.manifestPath ?? ''),
      ...Object.keys(s.problems).filter(isManifest),
    ].join('\n'),
  );
  const [round, setRound] = useState(0);
  const [result, setResult] = useState<{ files: ManifestFile[] | null; error: ApiError | null }>({ files: null, error: null });

  useEffect(() => {
    let current = true;
    actions.listManifests().then(
      (files) => current && setResult({ files, error: null }),
      (err: unknown) => current && setResult((r) => ({ files: r.files, error: toApiError(err) })),
    );
    return () => {
      current = false;
    };
  }, [actions, known, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...result, reload };
}
