/**
 * What the bookmarks feature shows over the window: the dialog open (add a bookmark, or "save
 * this connection as a site first"), and per tab what opening a bookmark could not do.
 */
import { create } from 'zustand';
import type { Bookmark } from '../../../shared/contract/bookmarks';
import { errorInWords } from '../../api';
import { compareActions } from '../compare/compareStore';
import { usePanes } from '../dnd/panes';
import { tabById } from '../tabs/tabsStore';
import { openBookmark } from './openBookmark';

export type BookmarkDialog =
  | { kind: 'add'; tabId: string; siteId: string }
  /** A quick connection: bookmarks need a saved site (see NeedsSiteDialog). */
  | { kind: 'needs-site'; tabId: string };

interface BookmarksState {
  dialog?: BookmarkDialog;
  /** Per tab: why the last bookmark opened did not go where it said, in plain words. */
  notices: Readonly<Record<string, string>>;
}

export const useBookmarks = create<BookmarksState>(() => ({ notices: {} }));

function setNotice(tabId: string, notice: string | undefined): void {
  useBookmarks.setState((s) => {
    const notices = { ...s.notices };
    if (notice === undefined) delete notices[tabId];
    else notices[tabId] = notice;
    return { notices };
  });
}

export const bookmarkActions = {
  /** Ctrl+B or "Add bookmark…": the form for a saved site's tab, else "save as a site first". */
  requestAdd(tabId: string): void {
    const tab = tabById(tabId);
    if (!tab?.session) return;
    useBookmarks.setState({
      dialog: tab.site
        ? { kind: 'add', tabId, siteId: tab.site.id }
        : { kind: 'needs-site', tabId },
    });
  },
  closeDialog(): void {
    useBookmarks.setState({ dialog: undefined });
  },
  dismissNotice(tabId: string): void {
    setNotice(tabId, undefined);
  },
  /** Both panes to the bookmark's folders (the shown tab's server pane, this computer's pane). */
  async open(tabId: string, bookmark: Bookmark): Promise<void> {
    const remote = tabById(tabId)?.pane;
    if (!remote) return;
    setNotice(tabId, undefined);
    try {
      const { problems } = await openBookmark(bookmark, {
        remote,
        local: usePanes.getState().local,
        setSyncing: (on) => compareActions.setSyncing(tabId, on),
      });
      if (problems.length > 0) setNotice(tabId, problems.join(' '));
    } catch (error) {
      setNotice(tabId, errorInWords(error));
    }
  },
};
