/**
 * Directory comparison and synchronized browsing, switched on per connection tab (the local pane
 * is compared with, and browses along with, the tab shown). Both are off in a new tab.
 */
import { create } from 'zustand';

export interface TabCompare {
  comparing: boolean;
  syncing: boolean;
  /** Why synchronized browsing stopped by itself, in plain words; cleared by the next toggle. */
  notice?: string;
}

const OFF: TabCompare = { comparing: false, syncing: false };

interface CompareState {
  byTab: Readonly<Record<string, TabCompare>>;
}

export const useCompare = create<CompareState>(() => ({ byTab: {} }));

function change(tabId: string, next: (now: TabCompare) => TabCompare): void {
  useCompare.setState((s) => ({
    byTab: { ...s.byTab, [tabId]: next(s.byTab[tabId] ?? OFF) },
  }));
}

export function compareOf(tabId: string): TabCompare {
  return useCompare.getState().byTab[tabId] ?? OFF;
}

/** This tab's switches; off when never touched. */
export function useTabCompare(tabId: string): TabCompare {
  return useCompare((s) => s.byTab[tabId] ?? OFF);
}

export const compareActions = {
  toggleComparing(tabId: string): void {
    change(tabId, (now) => ({ ...now, comparing: !now.comparing }));
  },
  toggleSyncing(tabId: string): void {
    change(tabId, (now) => ({ syncing: !now.syncing, comparing: now.comparing }));
  },
  /** Sets synchronized browsing (opening a bookmark): any earlier notice goes. */
  setSyncing(tabId: string, syncing: boolean): void {
    change(tabId, (now) => ({ syncing, comparing: now.comparing }));
  },
  /** Synchronized browsing could not follow: it goes off, and the tab says why. */
  stopSyncing(tabId: string, notice: string): void {
    change(tabId, (now) => ({ ...now, syncing: false, notice }));
  },
  dismissNotice(tabId: string): void {
    change(tabId, (now) => ({ comparing: now.comparing, syncing: now.syncing }));
  },
};
