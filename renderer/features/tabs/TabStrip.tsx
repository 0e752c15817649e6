import { Loader, Plus, Unplug, X } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { PROTOCOL_INFO } from '../../../shared/protocols';
import { closeStoppingTransfers, runningTransfersOfTabs } from './closing';
import { CloseTabDialog } from './CloseTabDialog';
import { TabMenu } from './TabMenu';
import { CLOSE_TAB_SHORTCUT, NEW_TAB_SHORTCUT, stripMove, tabCommandOf } from './tabKeys';
import { tabTitle } from './tabRules';
import { tabActions, useTabs, type RemoteTab } from './tabsStore';
import './tabs.css';

export const TAB_PANEL_ID = 'remote-tab-panel';
export const tabElementId = (tabId: string) => `${tabId}-tab`;

function focusTab(tabId: string) {
  requestAnimationFrame(() => document.getElementById(tabElementId(tabId))?.focus());
}

/**
 * Ctrl+T, Ctrl+F4, Ctrl+Tab, Ctrl+Shift+Tab anywhere in the window, unless a dialog is open.
 * `close` asks about running transfers first, as the tab's own close does.
 */
function useTabShortcuts(close: (tabs: RemoteTab[]) => void) {
  const closeRef = useRef(close);
  useEffect(() => {
    closeRef.current = close;
  });
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      // A key the focused control already used (Ctrl+PageDown in a file list) stays its own.
      if (event.defaultPrevented) return;
      const command = tabCommandOf(event);
      if (!command || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      if (command === 'new') tabActions.newTab();
      else if (command === 'close') {
        const { tabs, activeId } = useTabs.getState();
        const active = tabs.find((t) => t.id === activeId);
        if (active) closeRef.current([active]);
      } else tabActions.cycle(command === 'next' ? 1 : -1);
      // The shown list is replaced: keep the keyboard on the tab strip rather than nowhere.
      focusTab(useTabs.getState().activeId);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** One tab per server connection above the remote pane, plus "New tab". */
export function TabStrip() {
  const tabs = useTabs((s) => s.tabs);
  const activeId = useTabs((s) => s.activeId);
  const [closing, setClosing] = useState<{ tabs: RemoteTab[]; running: number }>();
  const [menu, setMenu] = useState<{ tab: RemoteTab; at: { x: number; y: number } }>();

  /** Closes now, or asks first when transfers of these tabs are running. */
  function requestClose(targets: RemoteTab[]) {
    const running = runningTransfersOfTabs(targets).length;
    if (running > 0) return setClosing({ tabs: targets, running });
    for (const tab of targets) void tabActions.close(tab.id);
    // A closed tab may have had the keyboard: the tab shown now takes it.
    focusTab(useTabs.getState().activeId);
  }
  useTabShortcuts(requestClose);

  // A tab opened or shown by a connection may sit beyond the strip's edge: bring it into view.
  useEffect(() => {
    document
      .getElementById(tabElementId(activeId))
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [activeId]);

  function onKeyDown(event: KeyboardEvent) {
    const at = tabs.findIndex((t) => t.id === activeId);
    const active = tabs[at];
    if (event.key === 'Delete' && active) {
      event.preventDefault();
      requestClose([active]);
      return;
    }
    if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
      event.preventDefault();
      const box = document.getElementById(tabElementId(activeId))?.getBoundingClientRect();
      if (active && box) setMenu({ tab: active, at: { x: box.left, y: box.bottom } });
      return;
    }
    const next = tabs[stripMove(event.key, at, tabs.length) ?? -1];
    if (!next) return;
    event.preventDefault();
    tabActions.activate(next.id);
    focusTab(next.id);
  }

  return (
    <div className="connection-tabs">
      <div
        role="tablist"
        aria-label="Connections"
        className="connection-tablist"
        onKeyDown={onKeyDown}
      >
        {tabs.map((tab) => (
          <TabItem
            key={tab.id}
            tab={tab}
            active={tab.id === activeId}
            onClose={() => requestClose([tab])}
            onMenu={(at) => setMenu({ tab, at })}
          />
        ))}
      </div>
      <button
        type="button"
        className="icon-button new-tab-button"
        aria-label="New tab"
        title="New tab (Ctrl+T)"
        aria-keyshortcuts={NEW_TAB_SHORTCUT}
        onClick={() => {
          tabActions.newTab();
          focusTab(useTabs.getState().activeId);
        }}
      >
        <Plus size={15} aria-hidden="true" />
      </button>
      {closing && (
        <CloseTabDialog
          titles={closing.tabs.map(tabTitle)}
          running={closing.running}
          onKeepOpen={() => setClosing(undefined)}
          onClose={() => {
            const { tabs: targets } = closing;
            setClosing(undefined);
            void closeStoppingTransfers(targets).then(() => focusTab(useTabs.getState().activeId));
          }}
        />
      )}
      {menu && (
        <TabMenu
          tab={tabs.find((t) => t.id === menu.tab.id) ?? menu.tab}
          at={menu.at}
          requestClose={requestClose}
          onClose={() => setMenu(undefined)}
          returnFocus={() => focusTab(useTabs.getState().activeId)}
        />
      )}
    </div>
  );
}

/**
 * One tab. Its close "x" is for the mouse only (hidden from assistive technology, which allows
 * nothing but tabs inside a tablist); the keyboard closes the focused tab with Delete.
 */
function TabItem({
  tab,
  active,
  onClose,
  onMenu,
}: {
  tab: RemoteTab;
  active: boolean;
  onClose(): void;
  onMenu(at: { x: number; y: number }): void;
}) {
  const title = tabTitle(tab);
  const protocol = tab.endpoint ? PROTOCOL_INFO[tab.endpoint.protocol] : undefined;
  let state = '';
  if (tab.connecting) state = 'connecting';
  else if (tab.lost) state = 'connection lost';
  else if (tab.endpoint && !tab.session) state = 'not connected';
  return (
    <button
      type="button"
      role="tab"
      id={tabElementId(tab.id)}
      aria-selected={active}
      aria-controls={TAB_PANEL_ID}
      aria-keyshortcuts={`${CLOSE_TAB_SHORTCUT} Shift+F10`}
      tabIndex={active ? 0 : -1}
      className={`connection-tab${active ? ' is-active' : ''}`}
      title={protocol ? `${title} — ${protocol.label}` : title}
      onClick={() => tabActions.activate(tab.id)}
      // A middle click closes, as in FileZilla and browsers.
      onAuxClick={(event) => {
        if (event.button === 1) onClose();
      }}
      onContextMenu={(event) => {
        event.preventDefault();
        onMenu({ x: event.clientX, y: event.clientY });
      }}
    >
      {tab.connecting && <Loader size={13} aria-hidden="true" className="tab-spinner" />}
      {tab.lost && <Unplug size={13} aria-hidden="true" className="tab-lost" />}
      {protocol && <span className="protocol-badge">{protocol.scheme.toUpperCase()}</span>}
      <span className="tab-title">{title}</span>
      {protocol && !protocol.secure && <span className="tab-insecure">Not encrypted</span>}
      {state && <span className="visually-hidden">, {state}</span>}
      <span
        className="tab-close"
        aria-hidden="true"
        title={`Close tab ${title} (Delete)`}
        onClick={(event) => {
          event.stopPropagation();
          onClose();
        }}
      >
        <X size={13} />
      </span>
    </button>
  );
}
