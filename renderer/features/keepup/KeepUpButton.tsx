import { FolderUp } from 'lucide-react';
import type { SessionInfo } from '../../../shared/types';
import { folderOf, usePanes } from '../dnd/panes';
import type { PaneStore } from '../pane/paneStore';
import { useCommandShiftKey } from '../../ui/useCommandShiftKey';
import { keepUpActions, useKeepUps } from './keepUpStore';

/**
 * WinSCP's key (Ctrl+U) is Upload here: Ctrl+Shift+K ("keep"), free in the app and in Chromium.
 */
export const KEEP_UP_SHORTCUT = 'Control+Shift+K';

/**
 * Starts (the dialog, for the two folders shown) or stops the tab's keep-up-to-date; false when
 * a pane shows no folder yet.
 */
export function toggleKeepUp(tabId: string, session: SessionInfo, remote: PaneStore): boolean {
  if (useKeepUps.getState().byTab[tabId]?.state?.running) {
    void keepUpActions.stop(tabId);
    return true;
  }
  const localRoot = folderOf(usePanes.getState().local);
  const remoteRoot = remote.getState().path;
  if (localRoot === null || remoteRoot === null) return false;
  keepUpActions.ask(tabId, session.sessionId, localRoot, remoteRoot);
  return true;
}

/** In the server pane's toolbar, beside Synchronize: pressed while it runs. */
export function KeepUpButton({
  tabId,
  session,
  store,
}: {
  tabId: string;
  session: SessionInfo;
  store: PaneStore;
}) {
  useCommandShiftKey('k', () => toggleKeepUp(tabId, session, store));
  const running = useKeepUps((s) => s.byTab[tabId]?.state?.running === true);
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Keep the server folder up to date"
      aria-pressed={running}
      title={
        running
          ? 'Stop keeping the server folder up to date (Ctrl+Shift+K)'
          : 'Keep the server folder up to date: upload what changes here (Ctrl+Shift+K)'
      }
      aria-keyshortcuts={KEEP_UP_SHORTCUT}
      onClick={() => toggleKeepUp(tabId, session, store)}
    >
      <FolderUp size={16} aria-hidden="true" />
    </button>
  );
}
