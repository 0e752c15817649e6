/**
 * The remote side's connection tabs: one server session per tab, each with its own remote pane
 * store (folder, history, selection, sort, filter) and its own error. The local pane is shared.
 * Rules of opening, closing and switching live in tabRules.ts.
 */
import { create } from 'zustand';
import type { MethodInput } from '../../../shared/contract';
import type { OpenSession } from '../../../shared/contract/remote';
import type { SiteProfile, SiteSession } from '../../../shared/contract/sites';
import type { ErrorInfo } from '../../../shared/errors';
import { siteIsFor } from '../../../shared/site-endpoint';
import type { SessionInfo } from '../../../shared/types';
import { call, describeError } from '../../api';
import { pageId } from '../../transport/pageId';
import { whileConnecting } from './connectsInFlight';
import { createPaneStore, type PaneStore } from '../pane/paneStore';
import type { PaneView } from '../pane/paneView';
import { remoteSource } from '../remote/remoteSource';
import {
  activeTab,
  closeTab,
  connectTarget,
  cycleTab,
  endpointOf,
  isStale,
  openTab,
  sameServer,
  tabTitle,
  updateTab,
  type Endpoint,
  type TabsView,
} from './tabRules';

export type ConnectInput = MethodInput<'remote.connect'>;

export interface RemoteTab {
  id: string;
  session?: SessionInfo;
  /** The server this tab is (or was last) about: its label, and what Reconnect uses. */
  endpoint?: Endpoint;
  /** Set when the tab was opened from a saved site. */
  site?: { id: string; name: string };
  connecting: boolean;
  error?: ErrorInfo;
  /** The server hung up on this tab's session: the tab offers Reconnect. */
  lost: boolean;
  /** The folder shown when the connection was lost: Reconnect opens it again. */
  lostFolder?: string;
  /** The tab's remote pane; made with the session, dropped with it. */
  pane?: PaneStore;
}

interface TabsState extends TabsView<RemoteTab> {
  /** Every session this page has shown, by id: transfer rows and log lines name their server. */
  serverNames: Readonly<Record<string, string>>;
}

/** A quick-connect login, kept in memory only, so that Reconnect can log in again. */
const quickLogins = new Map<string, ConnectInput>();
/** When each tab's pane last received a listing, to refresh stale ones on showing them. */
const listedAt = new Map<string, number>();

let counter = 0;
function emptyTab(): RemoteTab {
  counter += 1;
  return { id: `remote-tab-${counter}`, connecting: false, lost: false };
}

const first = emptyTab();
export const useTabs = create<TabsState>(() => ({
  tabs: [first],
  activeId: first.id,
  serverNames: {},
}));

const get = () => useTabs.getState();
const change = (id: string, next: (tab: RemoteTab) => RemoteTab) =>
  useTabs.setState((s) => updateTab(s, id, next));
const findTab = (id: string) => get().tabs.find((t) => t.id === id);
export const tabById = findTab;

/** How a quick-connect tab logged in (kept in memory only), to save it as a site. */
export function quickLoginOf(id: string): ConnectInput | undefined {
  return quickLogins.get(id);
}

/** The tab a new connection goes into: the empty active one, or a new tab. */
function targetTab(): string {
  const reuse = connectTarget(get());
  if (reuse !== undefined) return reuse;
  const tab = emptyTab();
  useTabs.setState((s) => openTab(s, tab));
  return tab.id;
}

/**
 * Shows a session in a tab: a fresh pane opens at `startPath` (default: the login folder). After
 * a reload (`again`), with the view the pane had, and a folder gone since gives way to the
 * nearest one above it.
 */
function attach(
  id: string,
  session: SessionInfo,
  startPath?: string,
  again?: { view?: PaneView },
): void {
  const pane = createPaneStore(remoteSource(session));
  pane.subscribe((now, before) => {
    if (now.entries !== before.entries) listedAt.set(id, Date.now());
  });
  change(id, (tab) => ({
    ...tab,
    session,
    endpoint: endpointOf(session),
    connecting: false,
    error: undefined,
    lost: false,
    lostFolder: undefined,
    pane,
  }));
  useTabs.setState((s) => ({
    serverNames: { ...s.serverNames, [session.sessionId]: tabTitle(findTab(id) ?? {}) },
  }));
  // This page shows it: a reload gets it back, another page does not take it.
  void call('remote.claim', { pageId: pageId(), sessionId: session.sessionId }).catch(
    () => undefined,
  );
  const view = again?.view;
  void pane.getState().actions.init(startPath, {
    ...(again ? { fallback: 'nearest' as const } : {}),
    ...(view ? { view } : {}),
  });
}

/** The folder a tab's pane shows, to come back to it after a reconnect. */
function folderOf(tab: RemoteTab | undefined): string | undefined {
  return tab?.pane?.getState().path ?? undefined;
}

function disconnectQuietly(session: SessionInfo | undefined): Promise<void> {
  if (!session) return Promise.resolve();
  return call('remote.disconnect', { sessionId: session.sessionId }).catch(() => undefined);
}

/** Logs in with `params` in tab `id`; the trust dialog may pause it. */
async function connectInTab(
  id: string,
  params: ConnectInput,
  startPath?: string,
): Promise<SessionInfo | undefined> {
  const before = findTab(id);
  // A lost tab given to another server is that server's now: the lost one's Reconnect and
  // folder go (a failed connect must not offer to reconnect to the other server).
  const another = before?.lost && !(before.endpoint && sameServer(before.endpoint, params));
  if (another) quickLogins.delete(id);
  change(id, (tab) => ({
    ...tab,
    connecting: true,
    error: undefined,
    endpoint: endpointOf(params),
    site: undefined,
    ...(another ? { lost: false, lostFolder: undefined } : {}),
  }));
  try {
    const session = await whileConnecting({ endpoint: endpointOf(params) }, (connectId) =>
      call('remote.connect', { ...params, pageId: pageId(), connectId }),
    );
    // The tab was closed while connecting: nobody is left to show this session.
    if (!findTab(id)) {
      await disconnectQuietly(session);
      return undefined;
    }
    quickLogins.set(id, params);
    attach(id, session, startPath);
    return session;
  } catch (error) {
    change(id, (tab) => ({ ...tab, connecting: false, error: describeError(error) }));
    return undefined;
  }
}

export const tabActions = {
  /**
   * Quick connect: into the empty active tab, or a new one. A tab that lost its connection to
   * the same server opens the folder it showed.
   */
  connect: (params: ConnectInput) => {
    const id = targetTab();
    const tab = findTab(id);
    const again = tab?.lost && tab.endpoint && sameServer(tab.endpoint, params);
    return connectInTab(id, params, again ? tab.lostFolder : undefined);
  },

  /**
   * A session the site manager opened: into tab `into` (a reconnect), else the empty active tab,
   * else a new one. The pane opens at `startPath`, else the site's remote folder.
   */
  adoptSiteSession(
    session: SiteSession,
    siteName: string,
    options: { into?: string; startPath?: string } = {},
  ): void {
    const id = options.into !== undefined && findTab(options.into) ? options.into : targetTab();
    quickLogins.delete(id);
    change(id, (tab) => ({ ...tab, site: { id: session.siteId, name: siteName } }));
    attach(id, session, options.startPath ?? session.initialRemoteDir);
  },

  /**
   * After a reload (tabsReload.ts): a tab for an open session, at `folder` with the pane's old
   * `view`, added after the others. Answers the tab's id.
   */
  openRestored(session: OpenSession, view?: PaneView): string {
    const { folder, site, ...info } = session;
    const tab: RemoteTab = { ...emptyTab(), ...(site ? { site } : {}) };
    useTabs.setState((s) => openTab(s, tab));
    attach(tab.id, info, folder, view ? { view } : {});
    return tab.id;
  },

  /**
   * After a reload: a tab whose connection is lost (`lost` says about what and why), added
   * after the others, with Reconnect. `sessionId` is the session it had: log lines and transfer
   * rows from before still name its server. Answers the tab's id.
   */
  openLost(
    lost: Pick<RemoteTab, 'endpoint' | 'site' | 'lostFolder' | 'error'>,
    sessionId?: string,
  ) {
    const tab: RemoteTab = { ...emptyTab(), ...lost, lost: true };
    useTabs.setState((s) => ({
      ...openTab(s, tab),
      serverNames:
        sessionId === undefined ? s.serverNames : { ...s.serverNames, [sessionId]: tabTitle(tab) },
    }));
    return tab.id;
  },

  /**
   * After a reload: a connect this page made before it failed meanwhile (its reply was lost).
   * Shown as a failed connect is: in the empty tab shown, else a new one, naming the server.
   */
  showFailedConnect(about: Pick<RemoteTab, 'endpoint' | 'site'>, error: ErrorInfo): void {
    const id = targetTab();
    change(id, (tab) => ({ ...tab, ...about, connecting: false, error }));
    useTabs.setState({ activeId: id });
  },

  newTab(): void {
    useTabs.setState((s) => openTab(s, emptyTab()));
  },

  /** Shows a tab; its listing is read again only when it is stale. */
  activate(id: string): void {
    const tab = findTab(id);
    if (!tab || get().activeId === id) return;
    useTabs.setState({ activeId: id });
    if (tab.pane && isStale(listedAt.get(id), Date.now())) {
      void tab.pane.getState().actions.refresh();
    }
  },

  /** Ctrl+Tab (+1) and Ctrl+Shift+Tab (-1). */
  cycle(step: number): void {
    tabActions.activate(cycleTab(get(), step));
  },

  /** Ends a tab's session and leaves the tab empty (the Disconnect button). */
  async disconnect(id = get().activeId): Promise<void> {
    const tab = findTab(id);
    change(id, (t) => ({ ...t, session: undefined, pane: undefined, lost: false }));
    listedAt.delete(id);
    // No Reconnect after the user's own Disconnect: the password need not stay in memory.
    quickLogins.delete(id);
    await disconnectQuietly(tab?.session);
  },

  /** Closes a tab and ends its session. */
  async close(id: string): Promise<void> {
    const tab = findTab(id);
    if (!tab) return;
    useTabs.setState((s) => closeTab(s, id, emptyTab));
    quickLogins.delete(id);
    listedAt.delete(id);
    await disconnectQuietly(tab.session);
  },

  /** Logs in again with the quick-connect login this tab used (false: it used none). */
  reconnectQuick(id: string): boolean {
    const tab = findTab(id);
    const login = quickLogins.get(id);
    if (!tab || !login || tab.session || tab.connecting) return false;
    void connectInTab(id, login, tab.lostFolder);
    return true;
  },

  /**
   * A quick connection was just saved as a site (to keep bookmarks): the tab now belongs to it,
   * and Reconnect logs in with the site. Refused (false) when the user changed the site's server
   * or user before saving: the tab's bookmarks and Reconnect would go to another server.
   */
  /** Whether the tab is open and not a saved site's (a quick connection, or an empty tab). */
  isQuickConnection(id: string): boolean {
    const tab = findTab(id);
    return tab !== undefined && tab.site === undefined;
  },

  linkSite(id: string, saved: SiteProfile): boolean {
    const tab = findTab(id);
    if (!tab || tab.site || !tab.endpoint || !siteIsFor(saved, tab.endpoint)) return false;
    const site = { id: saved.id, name: saved.name };
    change(id, (t) => ({ ...t, site }));
    quickLogins.delete(id);
    const sessionId = tab.session?.sessionId;
    if (sessionId !== undefined) {
      useTabs.setState((s) => ({ serverNames: { ...s.serverNames, [sessionId]: site.name } }));
      // The core too, so a reloaded page shows the tab as the site's (it checks the same rule).
      void call('sites.session.adopt', { sessionId, siteId: site.id }).catch(() => undefined);
    }
    return true;
  },

  /** A saved site's reconnect (reconnect.ts) is under way, or has ended with `error`. */
  setConnecting(id: string, connecting: boolean, error?: ErrorInfo): void {
    change(id, (tab) => ({ ...tab, connecting, error }));
  },

  /** The server closed a session by itself: only its tab shows it, with Reconnect. */
  sessionClosed(sessionId: string, reason?: string, hint?: string): void {
    const tab = get().tabs.find((t) => t.session?.sessionId === sessionId);
    if (!tab) return;
    const lostFolder = folderOf(tab);
    change(tab.id, (t) => ({
      ...t,
      session: undefined,
      pane: undefined,
      lost: true,
      lostFolder,
      error: {
        code: 'connection_lost',
        message: reason ?? 'The server closed the connection.',
        hint: hint ?? 'Press Reconnect to log in again, then Retry the transfers that stopped.',
      },
    }));
  },

  /** An error about the active tab's connection (e.g. an address quick connect cannot read). */
  showError(error: ErrorInfo): void {
    change(get().activeId, (tab) => ({ ...tab, error }));
  },

  dismissError(id: string): void {
    change(id, (tab) => ({ ...tab, error: undefined }));
  },
};

/** The shown tab (there is always one). */
export function useActiveTab(): RemoteTab {
  return useTabs((s) => activeTab(s) ?? s.tabs[0] ?? first);
}

/** The remote pane of the tab showing `sessionId`, shown or not (a finished upload refreshes it). */
export function paneOfSession(sessionId: string): PaneStore | undefined {
  return get().tabs.find((t) => t.session?.sessionId === sessionId)?.pane;
}
