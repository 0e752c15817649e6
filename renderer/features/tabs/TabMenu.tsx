import { ContextMenu, type MenuItem } from '../pane/ContextMenu';
import { reconnectTab } from './reconnect';
import { tabTitle } from './tabRules';
import { tabActions, useTabs, type RemoteTab } from './tabsStore';

interface Props {
  tab: RemoteTab;
  at: { x: number; y: number };
  /** Closes the given tabs, asking first when transfers of theirs are running. */
  requestClose(tabs: RemoteTab[]): void;
  onClose(): void;
  returnFocus(): void;
}

/** Right-click (or Shift+F10) on a tab: what FileZilla's tab menu offers. */
export function TabMenu({ tab, at, requestClose, onClose, returnFocus }: Props) {
  const tabs = useTabs((s) => s.tabs);
  const others = tabs.filter((t) => t.id !== tab.id);
  const items: MenuItem[] = [
    { label: 'New tab', shortcut: 'Ctrl+T', onSelect: () => tabActions.newTab() },
    {
      label: 'Reconnect',
      disabled: !tab.lost || tab.connecting,
      onSelect: () => void reconnectTab(tab.id),
    },
    {
      label: 'Disconnect',
      disabled: tab.session === undefined,
      onSelect: () => void tabActions.disconnect(tab.id),
    },
    {
      label: 'Close tab',
      shortcut: 'Delete',
      separatorBefore: true,
      onSelect: () => requestClose([tab]),
    },
    {
      label: 'Close other tabs',
      disabled: others.length === 0,
      onSelect: () => requestClose(others),
    },
  ];
  return (
    <ContextMenu
      label={`Tab ${tabTitle(tab)}`}
      at={at}
      items={items}
      onClose={onClose}
      returnFocus={returnFocus}
    />
  );
}
