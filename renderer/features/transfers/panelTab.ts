/**
 * The bottom panel's view: its tab (Transfers or Log) and the transfer list's filter. Kept in
 * this page's sessionStorage (pageStorage.ts), so a reload shows the same, as the panes' views.
 */
import { create } from 'zustand';
import { loadForPage, saveForPage } from '../../transport/pageStorage';
import type { TransferFilter } from './format';

export const BOTTOM_TABS = ['Transfers', 'Log'] as const;
export type BottomTab = (typeof BOTTOM_TABS)[number];
const TRANSFER_FILTERS: readonly TransferFilter[] = ['current', 'failed', 'finished'];

interface BottomPanelView {
  tab: BottomTab;
  filter: TransferFilter;
}

const KEY = 'ferry.bottomPanel';

/** What this page showed before it reloaded; anything else (or nothing) gives the defaults. */
function keptView(): BottomPanelView {
  const saved = loadForPage(KEY) as Partial<Record<keyof BottomPanelView, unknown>> | undefined;
  const tab = BOTTOM_TABS.find((name) => name === saved?.tab) ?? 'Transfers';
  const filter = TRANSFER_FILTERS.find((name) => name === saved?.filter) ?? 'current';
  return { tab, filter };
}

/** Queuing a transfer brings the Transfers tab forward. */
export const useBottomTab = create<BottomPanelView>(() => keptView());
useBottomTab.subscribe(({ tab, filter }) => saveForPage(KEY, { tab, filter }));

export function showBottomTab(tab: BottomTab): void {
  useBottomTab.setState({ tab });
}

/** Which transfers the list shows: queued and active, failed, or finished. */
export function showTransferFilter(filter: TransferFilter): void {
  useBottomTab.setState({ filter });
}
