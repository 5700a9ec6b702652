/** Hands the store and the actions to components, so that tests can give them their own. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StudioActions } from './actions.js';
import type { StudioState, StudioStore } from './studioStore.js';

interface Studio {
  store: StudioStore;
  actions: StudioActions;
}

const StudioContext = createContext<Studio | null>(null);

export function StudioProvider({ store, actions, children }: Studio & { children: ReactNode }) {
  const value = useMemo(() => ({ store, actions }), [store, actions]);
  return <StudioContext.Provider value={value}>{children}</StudioContext.Provider>;
}

function useStudioContext(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('StudioProvider is missing above this component');
  return studio;
}

/** Reads from the store; the selector must return stored values (not new objects) to stay stable. */
export function useStudio<T>(selector: (state: StudioState) => T): T {
  return useStore(useStudioContext().store, selector);
}

export const useActions = (): StudioActions => useStudioContext().actions;
