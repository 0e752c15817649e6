import { create } from 'zustand';

export const BOTTOM_TABS = ['Transfers', 'Log'] as const;
export type BottomTab = (typeof BOTTOM_TABS)[number];

/** The bottom panel's tab: queuing a transfer brings the Transfers tab forward. */
export const useBottomTab = create<{ tab: BottomTab }>(() => ({ tab: 'Transfers' }));

export function showBottomTab(tab: BottomTab): void {
  useBottomTab.setState({ tab });
}
