import { FolderSync } from 'lucide-react';
import type { SessionInfo } from '../../../shared/types';
import { folderOf, usePanes } from '../dnd/panes';
import type { PaneStore } from '../pane/paneStore';
import { useCommandShiftKey } from '../../ui/useCommandShiftKey';
import { syncActions } from './syncStore';

/**
 * WinSCP's key for Synchronize is Ctrl+S, which Ferry's editor uses for Save (as every editor
 * does): Ctrl+Shift+S here, free in the app and in Chromium.
 */
export const SYNC_SHORTCUT = 'Control+Shift+S';

/** Opens the dialog for the two folders shown; false when a pane shows no folder yet. */
export function openSync(tabId: string, session: SessionInfo, remote: PaneStore): boolean {
  const localRoot = folderOf(usePanes.getState().local);
  const remoteRoot = remote.getState().path;
  if (localRoot === null || remoteRoot === null) return false;
  syncActions.open(tabId, session.sessionId, localRoot, remoteRoot);
  return true;
}

/** In the server pane's toolbar: Synchronize folders (Ctrl+Shift+S). */
export function SyncButton({
  tabId,
  session,
  store,
}: {
  tabId: string;
  session: SessionInfo;
  store: PaneStore;
}) {
  useCommandShiftKey('s', () => openSync(tabId, session, store));
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Synchronize folders"
      title="Synchronize folders: make one side match the other (Ctrl+Shift+S)"
      aria-keyshortcuts={SYNC_SHORTCUT}
      onClick={() => openSync(tabId, session, store)}
    >
      <FolderSync size={16} aria-hidden="true" />
    </button>
  );
}
