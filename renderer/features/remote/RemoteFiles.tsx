import { useState } from 'react';
import type { FileEntry, SessionInfo } from '../../../shared/types';
import { AddBookmarkButton } from '../bookmarks/BookmarksControls';
import { CompareStrip } from '../compare/CompareStrip';
import { useComparison } from '../compare/useComparison';
import { useRemotePaneTransfers } from '../dnd/usePaneTransfers';
import { FilePane } from '../pane/FilePane';
import type { PaneStore } from '../pane/paneStore';
import { editMenuItem } from '../editor/editMenuItem';
import { editorActions } from '../editor/editorStore';
import { KeepUpButton, toggleKeepUp } from '../keepup/KeepUpButton';
import { KeepUpDialog } from '../keepup/KeepUpDialog';
import { KeepUpStrip } from '../keepup/KeepUpStrip';
import { useKeepUps } from '../keepup/keepUpStore';
import { SearchButton } from '../search/SearchButton';
import { openSync, SyncButton } from '../sync/SyncButton';
import { useSavedSite } from '../sites/useSavedSite';
import type { RemoteTab } from '../tabs/tabsStore';
import { PermissionsDialog, type PermissionsChoice } from './PermissionsDialog';
import { PermissionsProgress } from './PermissionsProgress';
import { permissionsActions } from './permissionsStore';

/**
 * One server session's files in the shared FilePane, with chmod on top. The store belongs to
 * the session's tab, so the folder, history, selection and sort outlive a switch to another tab.
 */
export function RemoteFiles({
  tab,
  session,
  store,
}: {
  tab: RemoteTab;
  session: SessionInfo;
  store: PaneStore;
}) {
  const [editing, setEditing] = useState<{ folder: string; items: FileEntry[] }>();
  const timeOffsetMinutes = useSavedSite(tab.site?.id)?.serverTimeOffsetMinutes ?? 0;
  const transfers = useRemotePaneTransfers(store, session);
  const compared = useComparison();
  const keepingUp = useKeepUps((s) => s.byTab[tab.id]?.state?.running === true);

  /** View/Edit (F4, as in FileZilla): the file in the built-in editor. */
  const edit = (_entry: FileEntry, path: string) => editorActions.openRemote(tab.id, path);

  /** Permissions… of the whole selection (as in FileZilla and WinSCP). */
  function permissionsItem(names: string[]) {
    const { entries, path } = store.getState();
    const items = entries.filter((e) => names.includes(e.name));
    return [
      {
        label: 'Permissions…',
        disabled: items.length === 0 || path === null,
        separatorBefore: true,
        onSelect: () => path !== null && setEditing({ folder: path, items }),
      },
    ];
  }

  function apply(choice: PermissionsChoice) {
    const chosen = editing;
    setEditing(undefined);
    if (!chosen) return;
    const { folder, items } = chosen;
    const paths = items.map((e) => (folder === '/' ? `/${e.name}` : `${folder}/${e.name}`));
    const { actions } = store.getState();
    void permissionsActions.start(tab.id, session.sessionId, paths, choice, () => {
      // The pane lists the folder again (if it still shows it) to show the new modes.
      if (store.getState().path === folder) void actions.refresh();
    });
  }

  return (
    <>
      <FilePane
        store={store}
        label="Remote files"
        {...transfers}
        toolbarExtra={
          <>
            {transfers.toolbarExtra}
            <SearchButton store={store} />
            <SyncButton tabId={tab.id} session={session} store={store} />
            <KeepUpButton tabId={tab.id} session={session} store={store} />
            <AddBookmarkButton tabId={tab.id} />
          </>
        }
        onEditFile={edit}
        extraMenuItems={(names) => [
          ...editMenuItem(store, names, edit),
          ...transfers.extraMenuItems(names),
          ...permissionsItem(names),
          {
            label: 'Synchronize folders…',
            shortcut: 'Ctrl+Shift+S',
            separatorBefore: true,
            onSelect: () => void openSync(tab.id, session, store),
          },
          {
            label: keepingUp
              ? 'Stop keeping the server folder up to date'
              : 'Keep the server folder up to date…',
            shortcut: 'Ctrl+Shift+K',
            onSelect: () => void toggleKeepUp(tab.id, session, store),
          },
        ]}
        marks={compared?.comparison.remote.marks}
        timeOffsetMinutes={timeOffsetMinutes}
        banner={
          <>
            <KeepUpStrip tabId={tab.id} />
            {compared && <CompareStrip side="remote" shown={compared} store={store} />}
          </>
        }
      />
      <KeepUpDialog tabId={tab.id} />
      {editing && (
        <PermissionsDialog
          items={editing.items}
          onApply={apply}
          onCancel={() => setEditing(undefined)}
        />
      )}
      <PermissionsProgress tabId={tab.id} />
    </>
  );
}
