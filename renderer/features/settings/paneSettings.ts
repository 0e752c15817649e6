/**
 * The settings that shape the file panes: "show hidden files" (the panes' own toggle changes
 * the setting too, so it is one preference everywhere) and "confirm before delete".
 */
import { usePanes } from '../dnd/panes';
import type { PaneState, PaneStore } from '../pane/paneStore';
import { saveSettings, useSettings } from './settingsStore';

const watched = new WeakSet<PaneStore>();

function follow(store: PaneStore | null | undefined): void {
  if (!store || watched.has(store)) return;
  watched.add(store);
  const { showHidden } = useSettings.getState().settings;
  if (store.getState().showHidden !== showHidden)
    store.getState().actions.setShowHidden(showHidden);
  store.subscribe((now, before) => onPaneChange(now, before));
}

function onPaneChange(now: PaneState, before: PaneState): void {
  const { settings } = useSettings.getState();
  if (now.showHidden !== before.showHidden && now.showHidden !== settings.showHidden) {
    void saveSettings({ showHidden: now.showHidden });
  }
  // Without confirmation, only what can be undone goes without asking: a move to the trash.
  // Permanent deletes (servers, systems without a trash) always ask.
  const asking = now.dialog?.kind === 'delete' && now.dialog !== before.dialog;
  if (asking && !settings.confirmBeforeDelete && now.deleteMode === 'trash') {
    void now.actions.confirmDelete();
  }
}

let started = false;

export function watchPaneSettings(): void {
  if (started) return;
  started = true;
  const followAll = () => {
    const { local, remote } = usePanes.getState();
    follow(local);
    follow(remote?.store);
  };
  followAll();
  usePanes.subscribe(followAll);
  useSettings.subscribe((now, before) => {
    if (now.settings.showHidden === before.settings.showHidden) return;
    const { local, remote } = usePanes.getState();
    for (const store of [local, remote?.store]) {
      if (store && store.getState().showHidden !== now.settings.showHidden)
        store.getState().actions.setShowHidden(now.settings.showHidden);
    }
  });
}
