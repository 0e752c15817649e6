import { FolderSync, GitCompareArrows } from 'lucide-react';
import { useEffect } from 'react';
import { usePanes } from '../dnd/panes';
import type { PaneStore } from '../pane/paneStore';
import { COMPARE_SHORTCUT, compareCommandOf, SYNC_SHORTCUT } from './compareKeys';
import { compareActions, useTabCompare } from './compareStore';
import { followEachOther } from './syncBrowsing';
import './compare.css';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA';
}

/** Ctrl+O and Ctrl+Y anywhere in the window while this tab is shown, unless a dialog is open. */
function useCompareShortcuts(tabId: string) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const command = compareCommandOf(event, isTextField(event.target));
      if (!command) return;
      // Also keeps the browser's own Ctrl+O (open a file) away.
      event.preventDefault();
      if (command === 'compare') compareActions.toggleComparing(tabId);
      else compareActions.toggleSyncing(tabId);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [tabId]);
}

/** While synchronized browsing is on, the local pane and this tab's pane follow each other. */
function useSyncBrowsing(tabId: string, remote: PaneStore, syncing: boolean) {
  const local = usePanes((s) => s.local);
  useEffect(() => {
    if (!syncing || !local) return undefined;
    return followEachOther({ local, remote }, (reason) =>
      compareActions.stopSyncing(tabId, reason),
    );
  }, [tabId, local, remote, syncing]);
}

/** The two switches of a connected tab: directory comparison and synchronized browsing. */
export function CompareControls({ tabId, remote }: { tabId: string; remote: PaneStore }) {
  const { comparing, syncing } = useTabCompare(tabId);
  useCompareShortcuts(tabId);
  useSyncBrowsing(tabId, remote, syncing);
  return (
    <div className="compare-controls" role="group" aria-label="Compare with this computer">
      <button
        type="button"
        className="compare-toggle"
        aria-pressed={comparing}
        aria-keyshortcuts={COMPARE_SHORTCUT}
        title="Mark what differs between the two folders shown (Ctrl+O)"
        onClick={() => compareActions.toggleComparing(tabId)}
      >
        <GitCompareArrows size={14} aria-hidden="true" />
        Compare folders
      </button>
      <button
        type="button"
        className="compare-toggle"
        aria-pressed={syncing}
        aria-keyshortcuts={SYNC_SHORTCUT}
        title="Opening a folder or going up in one pane does the same in the other (Ctrl+Y)"
        onClick={() => compareActions.toggleSyncing(tabId)}
      >
        <FolderSync size={14} aria-hidden="true" />
        Synchronized browsing
      </button>
    </div>
  );
}
