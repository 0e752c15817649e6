import { Loader, RotateCw, Server, Unplug } from 'lucide-react';
import { PROTOCOL_INFO } from '../../../shared/protocols';
import type { SessionInfo } from '../../../shared/types';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { BookmarkNotice, BookmarksControls } from '../bookmarks/BookmarksControls';
import { CompareControls } from '../compare/CompareControls';
import { CompareLegend } from '../compare/CompareLegend';
import { usePanes } from '../dnd/panes';
import { weakerChoiceHint } from '../probe/hint';
import { lastReportFor } from '../probe/probeStore';
import { reconnectTab } from '../tabs/reconnect';
import { SiteReconnectPrompts } from '../tabs/SiteReconnectPrompts';
import { TabStrip, TAB_PANEL_ID, tabElementId } from '../tabs/TabStrip';
import { endpointLabel } from '../tabs/tabRules';
import { tabActions, useActiveTab, type RemoteTab } from '../tabs/tabsStore';
import { SearchDialog } from '../search/SearchDialog';
import { useSearch } from '../search/searchStore';
import { SyncDialog } from '../sync/SyncDialog';
import { useSync } from '../sync/syncStore';
import { RemoteFiles } from './RemoteFiles';

/** The right-hand pane: the connection tabs above, the shown tab's server below. */
export function RemotePane() {
  const tab = useActiveTab();
  return (
    <>
      <TabStrip />
      <div
        role="tabpanel"
        id={TAB_PANEL_ID}
        aria-labelledby={tabElementId(tab.id)}
        className="remote-tab-panel"
      >
        {tab.session && tab.pane ? (
          <Connected tab={tab} session={tab.session} />
        ) : (
          <NotConnected tab={tab} />
        )}
      </div>
    </>
  );
}

function Connected({ tab, session }: { tab: RemoteTab; session: SessionInfo }) {
  const info = PROTOCOL_INFO[session.protocol];
  const saferWay = weakerChoiceHint(lastReportFor(session.host), session);
  const searching = useSearch((s) => s.openTab === tab.id);
  // Only for the connection it was opened on: a reconnected tab has a new session.
  const syncing = useSync((s) => s.tabId === tab.id && s.sessionId === session.sessionId);
  return (
    <>
      <div className="connection-bar">
        <div className="status-line" role="status">
          Connected to {session.host}:{session.port} as {session.user} over {info.label}
          {session.jump && ` through the ${session.jump}`}
          {session.proxy && `${session.jump ? ' and' : ' through'} the ${session.proxy}`}
        </div>
        {tab.pane && <CompareControls tabId={tab.id} remote={tab.pane} />}
        {tab.pane && <BookmarksControls tab={tab} remote={tab.pane} />}
      </div>
      <BookmarkNotice tabId={tab.id} />
      <CompareLegend tabId={tab.id} protocol={session.protocol} />
      {!info.secure && (
        <div className="warning-banner" role="note">
          Not encrypted: your password and files travel in clear text on this connection.
        </div>
      )}
      {saferWay && (
        <div className="warning-banner" role="note">
          {saferWay}
        </div>
      )}
      {tab.error && (
        <ErrorNotice error={tab.error} onDismiss={() => tabActions.dismissError(tab.id)} />
      )}
      {tab.pane && (
        <RemoteFiles key={session.sessionId} tab={tab} session={session} store={tab.pane} />
      )}
      {searching && tab.pane && <SearchDialog tabId={tab.id} session={session} pane={tab.pane} />}
      {syncing && tab.pane && <SyncDialog onRan={() => refreshBoth(tab.pane)} />}
    </>
  );
}

/** After a synchronization: both panes list their folders again (deletions show at once). */
function refreshBoth(remote: RemoteTab['pane']) {
  void remote?.getState().actions.refresh();
  void usePanes.getState().local?.getState().actions.refresh();
}

/** An empty tab, a connection on its way, or one the server ended (with Reconnect). */
function NotConnected({ tab }: { tab: RemoteTab }) {
  const server = tab.endpoint ? endpointLabel(tab.endpoint) : 'the server';
  let body;
  if (tab.connecting) {
    body = (
      <>
        <Loader size={32} aria-hidden="true" />
        <h2>Connecting…</h2>
        <p>{tab.site?.name ?? server}</p>
      </>
    );
  } else if (tab.lost) {
    body = (
      <>
        <Unplug size={40} aria-hidden="true" />
        <h2>Connection lost</h2>
        <p>The connection to {tab.site?.name ?? server} ended.</p>
        <button type="button" className="primary" onClick={() => void reconnectTab(tab.id)}>
          <RotateCw size={14} aria-hidden="true" /> Reconnect
        </button>
      </>
    );
  } else {
    body = (
      <>
        <Server size={40} aria-hidden="true" />
        <h2>Not connected</h2>
        <p>Enter a server above and press Connect, or pick a saved site.</p>
      </>
    );
  }
  return (
    <div className="empty-state">
      {body}
      {tab.error && (
        <ErrorNotice error={tab.error} onDismiss={() => tabActions.dismissError(tab.id)} />
      )}
      {tab.lost && <SiteReconnectPrompts tabId={tab.id} />}
    </div>
  );
}
