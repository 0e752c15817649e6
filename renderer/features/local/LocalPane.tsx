import { useEffect } from 'react';
import { CompareStrip } from '../compare/CompareStrip';
import { useComparison } from '../compare/useComparison';
import { useLocalPaneTransfers } from '../dnd/usePaneTransfers';
import { FilePane } from '../pane/FilePane';
import { createPaneStore } from '../pane/paneStore';
import { localSource } from './localSource';

/**
 * The local pane's store, one for the app. Other features (transfers, drag and drop) read the
 * current folder and selection from it.
 */
export const localPaneStore = createPaneStore(localSource);

/** This computer's files, opening at the home folder. */
export function LocalPane() {
  const transfers = useLocalPaneTransfers(localPaneStore);
  const compared = useComparison();
  useEffect(() => {
    const { path, loading, actions } = localPaneStore.getState();
    if (path === null && !loading) void actions.init();
  }, []);
  return (
    <FilePane
      store={localPaneStore}
      label="Local files"
      {...transfers}
      marks={compared?.comparison.local.marks}
      banner={compared && <CompareStrip side="local" shown={compared} store={localPaneStore} />}
    />
  );
}
