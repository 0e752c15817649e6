import { Bookmark as BookmarkIcon, ChevronDown, Star } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { usePanes } from '../dnd/panes';
import { ContextMenu, type MenuItem } from '../pane/ContextMenu';
import type { PaneStore } from '../pane/paneStore';
import { useSavedSite } from '../sites/useSavedSite';
import { useSites } from '../sites/sitesStore';
import type { RemoteTab } from '../tabs/tabsStore';
import { AddBookmarkDialog } from './AddBookmarkDialog';
import { bookmarkActions, useBookmarks } from './bookmarksStore';
import { NeedsSiteDialog } from './NeedsSiteDialog';
import { InfoNotice } from '../../ui/InfoNotice';
import './bookmarks.css';

export const ADD_BOOKMARK_SHORTCUT = 'Control+B';

/** Ctrl+B (⌘B): add the folders shown as a bookmark; no other modifier, not under a dialog. */
export function isAddBookmarkKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.shiftKey &&
    !event.altKey &&
    event.key.toLowerCase() === 'b'
  );
}

function useAddBookmarkShortcut(tabId: string) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      if (!isAddBookmarkKey(event)) return;
      event.preventDefault();
      bookmarkActions.requestAdd(tabId);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [tabId]);
}

/** "Add bookmark" beside the server pane's path bar. */
export function AddBookmarkButton({ tabId }: { tabId: string }) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Add bookmark"
      title="Add the folders shown as a bookmark (Ctrl+B)"
      aria-keyshortcuts={ADD_BOOKMARK_SHORTCUT}
      aria-haspopup="dialog"
      onClick={() => bookmarkActions.requestAdd(tabId)}
    >
      <Star size={16} aria-hidden="true" />
    </button>
  );
}

/** What opening a bookmark in this tab could not do (a folder gone), until dismissed. */
export function BookmarkNotice({ tabId }: { tabId: string }) {
  const notice = useBookmarks((s) => s.notices[tabId]);
  if (!notice) return null;
  return (
    <InfoNotice
      text={notice}
      role="alert"
      className="bookmark-notice"
      onDismiss={() => bookmarkActions.dismissNotice(tabId)}
    />
  );
}

/** The shown tab's Bookmarks menu (its saved site's bookmarks, Add, Manage), Ctrl+B, the dialogs. */
export function BookmarksControls({ tab, remote }: { tab: RemoteTab; remote: PaneStore }) {
  const site = useSavedSite(tab.site?.id);
  const dialog = useBookmarks((s) => s.dialog);
  const local = usePanes((s) => s.local);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number }>();
  useAddBookmarkShortcut(tab.id);

  function openMenu() {
    const box = buttonRef.current?.getBoundingClientRect();
    setMenuAt(box ? { x: box.left, y: box.bottom + 2 } : { x: 0, y: 0 });
  }

  const bookmarks = site?.bookmarks ?? [];
  const items: MenuItem[] = [
    ...bookmarks.map((bookmark) => ({
      label: bookmark.name,
      onSelect: () => void bookmarkActions.open(tab.id, bookmark),
    })),
    {
      label: 'Add bookmark…',
      shortcut: 'Ctrl+B',
      separatorBefore: bookmarks.length > 0,
      onSelect: () => bookmarkActions.requestAdd(tab.id),
    },
  ];
  if (site) {
    items.push({
      label: 'Rename or delete bookmarks…',
      onSelect: () => {
        useSites.getState().openManager();
        useSites.getState().select({ kind: 'site', id: site.id });
      },
    });
  }

  const mine = dialog?.tabId === tab.id ? dialog : undefined;
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="compare-toggle"
        aria-haspopup="menu"
        aria-expanded={menuAt !== undefined}
        title={
          site
            ? `Bookmarks of ${site.name}`
            : 'Bookmarks are kept with a saved site: save this connection as a site to add them'
        }
        onClick={openMenu}
      >
        <BookmarkIcon size={14} aria-hidden="true" />
        Bookmarks
        <ChevronDown size={12} aria-hidden="true" />
      </button>
      {menuAt && (
        <ContextMenu
          label="Bookmarks"
          at={menuAt}
          items={items}
          onClose={() => setMenuAt(undefined)}
          returnFocus={() => buttonRef.current?.focus()}
        />
      )}
      {mine?.kind === 'add' && (
        <AddBookmarkDialog
          siteId={mine.siteId}
          siteName={site?.name ?? tab.site?.name ?? 'this site'}
          remoteDir={remote.getState().path ?? '/'}
          localDir={local?.getState().path ?? ''}
          onClose={bookmarkActions.closeDialog}
        />
      )}
      {mine?.kind === 'needs-site' && (
        <NeedsSiteDialog tabId={tab.id} onClose={bookmarkActions.closeDialog} />
      )}
    </>
  );
}
