import { useEffect } from 'react';
import type { FileEntry } from '../../../shared/types';
import { CompareStrip } from '../compare/CompareStrip';
import { useComparison } from '../compare/useComparison';
import { useLocalPaneTransfers } from '../dnd/usePaneTransfers';
import { editMenuItem } from '../editor/editMenuItem';
import { editorActions } from '../editor/editorStore';
import { FilePane } from '../pane/FilePane';
import { createPaneStore } from '../pane/paneStore';
import { keepView, savedView } from '../pane/keptView';
import { localSource } from './localSource';

/**
 * The local pane's store, one for the app. Other features (transfers, drag and drop) read the
 * current folder and selection from it.
 */
export const localPaneStore = createPaneStore(localSource);

/** F4 on a file of this computer: the built-in editor; a save lists the folder again. */
function editLocal(entry: FileEntry, path: string): void {
  editorActions.openLocal(path, entry.name, () => void localPaneStore.getState().actions.refresh());
}

/** Where this page keeps the local pane's folder, sort, filter and history across a reload. */
const VIEW_KEY = 'ferry.local-pane';

/**
 * This computer's files, opening at the home folder — or, after a reload, at the folder shown
 * before (the nearest one above it when it is gone), with its sort, filter and history.
 */
export function LocalPane() {
  const transfers = useLocalPaneTransfers(localPaneStore);
  const compared = useComparison();
  useEffect(() => {
    const { path, loading, actions } = localPaneStore.getState();
    if (path === null && !loading) {
      const view = savedView(VIEW_KEY);
      void actions.init(view?.path, view ? { view, fallback: 'nearest' } : {});
    }
    return keepView(localPaneStore, VIEW_KEY);
  }, []);
  return (
    <FilePane
      store={localPaneStore}
      label="Local files"
      {...transfers}
      onEditFile={editLocal}
      extraMenuItems={(names) => [
        ...editMenuItem(localPaneStore, names, editLocal),
        ...(transfers.extraMenuItems?.(names) ?? []),
      ]}
      marks={compared?.comparison.local.marks}
      banner={compared && <CompareStrip side="local" shown={compared} store={localPaneStore} />}
    />
  );
}
