import type { CollectionFile } from '../../shared/contract.js';
import { useActions, useStudio } from '../store/context.js';
import { useServiceList, type ServiceList } from './useServiceList.js';

/** The collection files the page may use, listed again when the watched folders change, or on reload. */
export function useCollections(): ServiceList<CollectionFile> {
  const actions = useActions();
  const folders = useStudio((s) => (s.settings?.folders ?? []).join('\n'));
  return useServiceList(actions.listCollections, folders);
}
