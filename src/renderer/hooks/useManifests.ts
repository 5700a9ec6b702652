import type { ManifestFile } from '../../shared/contract.js';
import { useActions, useStudio } from '../store/context.js';
import { useServiceList, type ServiceList } from './useServiceList.js';

export type Manifests = ServiceList<ManifestFile>;

const isManifest = (path: string) => path.endsWith('.plugin.json');

/**
 * The launch manifests in the watched folders, listed again whenever one appears, goes or turns
 * into a problem file (the registry's events say so), or on reload.
 */
export function useManifests(): Manifests {
  const actions = useActions();
  const known = useStudio((s) =>
    [
      ...s.settings?.folders ?? [],
      ...Object.values(s.plugins).map((p) => p.manifestPath ?? ''),
      ...Object.keys(s.problems).filter(isManifest),
    ].join('\n'),
  );
  return useServiceList(actions.listManifests, known);
}
