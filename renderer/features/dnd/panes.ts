/**
 * Where transfers meet the panes: the pane stores that are on screen, so a drop, a button or a
 * shortcut in one pane can find the other pane's folder, and a finished transfer can refresh
 * the folder it landed in. The remote pane's store changes with every session.
 */
import { create } from 'zustand';
import type { SessionInfo } from '../../../shared/types';
import type { PaneStore } from '../pane/paneStore';

interface PanesState {
  local: PaneStore | null;
  remote: { store: PaneStore; session: SessionInfo } | null;
}

export const usePanes = create<PanesState>(() => ({ local: null, remote: null }));

export function registerLocalPane(store: PaneStore): () => void {
  usePanes.setState({ local: store });
  return () => {
    if (usePanes.getState().local === store) usePanes.setState({ local: null });
  };
}

export function registerRemotePane(store: PaneStore, session: SessionInfo): () => void {
  usePanes.setState({ remote: { store, session } });
  return () => {
    if (usePanes.getState().remote?.store === store) usePanes.setState({ remote: null });
  };
}

/** The folder a pane shows, or null before its first listing. */
export function folderOf(store: PaneStore | null | undefined): string | null {
  return store?.getState().path ?? null;
}
