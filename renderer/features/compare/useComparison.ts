import { useMemo, useSyncExternalStore } from 'react';
import type { Protocol } from '../../../shared/protocols';
import { usePanes } from '../dnd/panes';
import type { PaneState, PaneStore } from '../pane/paneStore';
import { useSavedSite } from '../sites/useSavedSite';
import { useActiveTab } from '../tabs/tabsStore';
import { compareFolders, type Comparison, type TimePrecision } from './compareFolders';
import { useTabCompare } from './compareStore';

const noStore = () => () => undefined;

/** A pane's entries and shown names; nulls before its first listing, or without a pane. */
function useListing(store: PaneStore | null | undefined) {
  const subscribe = store ? store.subscribe : noStore;
  const pick = <T>(read: (state: PaneState) => T): (() => T | null) => {
    return () => {
      const state = store?.getState();
      return state && state.path !== null ? read(state) : null;
    };
  };
  // Each read answers the store's own arrays: stable until a new listing, filter or sort.
  const entries = useSyncExternalStore(
    subscribe,
    pick((s) => s.entries),
  );
  const names = useSyncExternalStore(
    subscribe,
    pick((s) => s.names),
  );
  return { entries, names };
}

/** How precise a server's listed times are: FTP listings say minutes (or days). */
export function precisionOfProtocol(protocol: Protocol): TimePrecision {
  return protocol === 'sftp' ? 'exact' : 'listing';
}

export interface ShownComparison {
  comparison: Comparison;
  localNames: readonly string[];
  remoteNames: readonly string[];
}

/**
 * The comparison of the local folder with the shown tab's server folder, while that tab compares;
 * recomputed whenever either pane lists another folder (or the same one again).
 */
export function useComparison(): ShownComparison | null {
  const tab = useActiveTab();
  const { comparing } = useTabCompare(tab.id);
  const localStore = usePanes((s) => s.local);
  const { entries: localEntries, names: localNames } = useListing(comparing ? localStore : null);
  const { entries: remoteEntries, names: remoteNames } = useListing(comparing ? tab.pane : null);
  const protocol = tab.session?.protocol;
  const offset = useSavedSite(tab.site?.id)?.serverTimeOffsetMinutes ?? 0;
  return useMemo(() => {
    if (!localEntries || !localNames || !remoteEntries || !remoteNames || !protocol) return null;
    return {
      comparison: compareFolders(
        { entries: localEntries, precision: 'exact' },
        { entries: remoteEntries, precision: precisionOfProtocol(protocol) },
        offset,
      ),
      localNames,
      remoteNames,
    };
  }, [localEntries, localNames, remoteEntries, remoteNames, protocol, offset]);
}
