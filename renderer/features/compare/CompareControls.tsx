import { FolderSync, GitCompareArrows, type LucideIcon } from 'lucide-react';
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

/** One switch: a button that stays pressed while its mode is on. */
function CompareToggle({
  pressed,
  shortcut,
  title,
  icon: Icon,
  label,
  onToggle,
}: {
  pressed: boolean;
  shortcut: string;
  title: string;
  icon: LucideIcon;
  label: string;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      className="compare-toggle"
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut}
      title={title}
      onClick={onToggle}
    >
      <Icon size={14} aria-hidden="true" />
      {label}
    </button>
  );
}

/** The two switches of a connected tab: directory comparison and synchronized browsing. */
export function CompareControls({ tabId, remote }: { tabId: string; remote: PaneStore }) {
  const { comparing, syncing } = useTabCompare(tabId);
  useCompareShortcuts(tabId);
  useSyncBrowsing(tabId, remote, syncing);
  return (
    <div className="compare-controls" role="group" aria-label="Compare with this computer">
      <CompareToggle
        pressed={comparing}
        shortcut={COMPARE_SHORTCUT}
        title="Mark what differs between the two folders shown (Ctrl+O)"
        icon={GitCompareArrows}
        label="Compare folders"
        onToggle={() => compareActions.toggleComparing(tabId)}
      />
      <CompareToggle
        pressed={syncing}
        shortcut={SYNC_SHORTCUT}
        title="Opening a folder or going up in one pane does the same in the other (Ctrl+Y)"
        icon={FolderSync}
        label="Synchronized browsing"
        onToggle={() => compareActions.toggleSyncing(tabId)}
      />
    </div>
  );
}
