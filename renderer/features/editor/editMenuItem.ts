import type { FileEntry } from '../../../shared/types';
import type { MenuItem } from '../pane/ContextMenu';
import { editable } from '../pane/format';
import type { PaneStore } from '../pane/paneStore';
import { joinPath } from '../pane/paths';

/**
 * A pane menu's "Edit" (F4, FileZilla's View/Edit): for one file, or a link to one; shown
 * disabled for several, left out for a folder.
 */
export function editMenuItem(
  store: PaneStore,
  names: string[],
  edit: (entry: FileEntry, path: string) => void,
): MenuItem[] {
  const { entries, path } = store.getState();
  const entry = names.length === 1 ? entries.find((e) => e.name === names[0]) : undefined;
  if (entry && !editable(entry)) return [];
  return [
    {
      label: 'Edit',
      shortcut: 'F4',
      disabled: !entry || path === null,
      onSelect: () => entry && path !== null && edit(entry, joinPath(path, entry.name)),
    },
  ];
}
