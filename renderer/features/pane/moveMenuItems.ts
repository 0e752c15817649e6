/** The context menu's entries for moving and copying paths (WinSCP's Move to…, Cut, Paste). */
import type { MenuItem } from './ContextMenu';
import type { PaneActions, PaneState } from './paneStore';

export function moveMenuItems(actions: PaneActions, names: readonly string[]): MenuItem[] {
  const several = names.length > 1;
  const items: MenuItem[] = [
    { label: 'Move to…', onSelect: actions.askMoveTo, shortcut: 'Shift+F6' },
    { label: 'Cut', onSelect: actions.cutItems, shortcut: 'Ctrl+X' },
    {
      label: several ? 'Copy paths' : 'Copy path',
      onSelect: () => void actions.copyPaths('path', names),
      separatorBefore: true,
    },
  ];
  if (actions.copiesUrls) {
    items.push({
      label: several ? 'Copy URLs' : 'Copy URL',
      onSelect: () => void actions.copyPaths('url', names),
    });
  }
  return items;
}

/** "Paste" while items are cut; it cannot paste into the folder they are in. */
export function pasteMenuItem(
  actions: PaneActions,
  cut: PaneState['cut'],
  here: string | null,
): MenuItem | null {
  if (cut === null) return null;
  const count = cut.names.length;
  return {
    label: count === 1 ? `Paste “${cut.names[0]}”` : `Paste ${count} items`,
    onSelect: () => void actions.paste(),
    disabled: here === cut.folder,
    shortcut: 'Ctrl+V',
  };
}
