import { Search } from 'lucide-react';
import { useEffect } from 'react';
import type { PaneStore } from '../pane/paneStore';
import { useActiveTab } from '../tabs/tabsStore';
import { searchActions } from './searchStore';

/**
 * FileZilla's key for "Search remote files". Ctrl+F is left alone: typing in a file list
 * already filters it, and the browser's find stays the browser's.
 */
export const SEARCH_SHORTCUT = 'F3';

/** Opens the tab's search below the folder its pane shows. */
function openSearch(tabId: string, store: PaneStore) {
  const folder = store.getState().path;
  if (folder !== null) searchActions.open(tabId, folder);
}

/** F3 anywhere in the window while a connected tab is shown, unless a dialog is open. */
function useSearchShortcut(tabId: string, store: PaneStore) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'F3' || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey)
        return;
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      event.preventDefault(); // also keeps the browser's "find next" away
      openSearch(tabId, store);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [tabId, store]);
}

/** In the remote pane's toolbar: opens the search below the folder shown. */
export function SearchButton({ store }: { store: PaneStore }) {
  const tabId = useActiveTab().id;
  useSearchShortcut(tabId, store);
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Search files on the server"
      title="Search files on the server (F3)"
      aria-keyshortcuts={SEARCH_SHORTCUT}
      onClick={() => openSearch(tabId, store)}
    >
      <Search size={16} aria-hidden="true" />
    </button>
  );
}
