import { useState } from 'react';
import type { FileEntry, SessionInfo } from '../../../shared/types';
import { call } from '../../api';
import { AddBookmarkButton } from '../bookmarks/BookmarksControls';
import { CompareStrip } from '../compare/CompareStrip';
import { useComparison } from '../compare/useComparison';
import { useRemotePaneTransfers } from '../dnd/usePaneTransfers';
import { FilePane } from '../pane/FilePane';
import type { PaneStore } from '../pane/paneStore';
import { editMenuItem } from '../editor/editMenuItem';
import { editorActions } from '../editor/editorStore';
import { SearchButton } from '../search/SearchButton';
import { useSavedSite } from '../sites/useSavedSite';
import type { RemoteTab } from '../tabs/tabsStore';
import { PermissionsDialog } from './PermissionsDialog';

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
  const [editing, setEditing] = useState<FileEntry>();
  const timeOffsetMinutes = useSavedSite(tab.site?.id)?.serverTimeOffsetMinutes ?? 0;
  const transfers = useRemotePaneTransfers(store, session);
  const compared = useComparison();

  /** View/Edit (F4, as in FileZilla): the file in the built-in editor. */
  const edit = (_entry: FileEntry, path: string) => editorActions.openRemote(tab.id, path);

  function permissionsItem(names: string[]) {
    const { entries } = store.getState();
    const entry = names.length === 1 ? entries.find((e) => e.name === names[0]) : undefined;
    return [
      {
        label: 'Permissions…',
        disabled: !entry,
        separatorBefore: true,
        onSelect: () => setEditing(entry),
      },
    ];
  }

  async function apply(mode: number) {
    const { path, actions } = store.getState();
    const entry = editing;
    setEditing(undefined);
    if (!entry || path === null) return;
    const target = path === '/' ? `/${entry.name}` : `${path}/${entry.name}`;
    try {
      await call('remote.chmod', { sessionId: session.sessionId, path: target, mode });
      await actions.refresh();
    } catch (error) {
      actions.showError(error);
    }
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
            <AddBookmarkButton tabId={tab.id} />
          </>
        }
        onEditFile={edit}
        extraMenuItems={(names) => [
          ...editMenuItem(store, names, edit),
          ...transfers.extraMenuItems(names),
          ...permissionsItem(names),
        ]}
        marks={compared?.comparison.remote.marks}
        timeOffsetMinutes={timeOffsetMinutes}
        banner={compared && <CompareStrip side="remote" shown={compared} store={store} />}
      />
      {editing && (
        <PermissionsDialog
          name={editing.name}
          mode={editing.mode ?? 0o644}
          onApply={(mode) => void apply(mode)}
          onCancel={() => setEditing(undefined)}
        />
      )}
    </>
  );
}
