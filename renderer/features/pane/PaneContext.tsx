import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PaneActions, PaneState, PaneStore } from './paneStore';

const PaneStoreContext = createContext<PaneStore | null>(null);

export function PaneProvider({ store, children }: { store: PaneStore; children: ReactNode }) {
  return <PaneStoreContext.Provider value={store}>{children}</PaneStoreContext.Provider>;
}

export function usePaneStore(): PaneStore {
  const store = useContext(PaneStoreContext);
  if (!store) throw new Error('usePane must be used inside a FilePane');
  return store;
}

/** Reads a slice of this pane's state; re-renders only when that slice changes. */
export function usePane<T>(selector: (state: PaneState) => T): T {
  return useStore(usePaneStore(), selector);
}

export function usePaneActions(): PaneActions {
  return usePane((s) => s.actions);
}
