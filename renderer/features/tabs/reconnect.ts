/** Reconnect after the server hung up: the same login again, in the same tab. */
import { create } from 'zustand';
import { useQuickConnect } from '../connect/quickConnectStore';
import { isAsking, useSiteConnect } from '../sites/useSiteConnect';
import { useSites } from '../sites/sitesStore';
import { tabActions, tabById } from './tabsStore';

/** A saved site's reconnect waiting for the user (its password, or plain-FTP consent). */
interface PendingSiteReconnect {
  tabId?: string;
  siteName?: string;
  startPath?: string;
}

export const usePendingSiteReconnect = create<PendingSiteReconnect>(() => ({}));

export async function reconnectTab(id: string): Promise<void> {
  if (tabActions.reconnectQuick(id)) return;
  const tab = tabById(id);
  if (!tab || tab.session || tab.connecting) return;
  if (!tab.site) {
    // A quick connection from before a page reload: its password was never kept. The bar above
    // is filled in for it, and connecting from there comes back into this tab, at its folder.
    if (tab.endpoint) useQuickConnect.getState().askPassword(tab.endpoint);
    tabActions.setConnecting(id, false, {
      code: 'connection_lost',
      message: 'Ferry does not keep passwords across a page reload.',
      hint: 'Type the password in the quick connect bar above and press Connect: this tab opens its folder again.',
    });
    return;
  }
  const siteId = tab.site.id;
  tabActions.setConnecting(id, true);
  await useSites.getState().load();
  const site = useSites.getState().snapshot?.sites.find((s) => s.id === siteId);
  if (!site) {
    tabActions.setConnecting(id, false, {
      code: 'not_found',
      message: `The saved site “${tab.site.name}” is no longer in the site manager.`,
      hint: 'Connect with quick connect, or save the site again.',
    });
    return;
  }
  const startPath = tab.lostFolder;
  const session = await useSiteConnect.getState().connect(site);
  if (session) {
    tabActions.adoptSiteSession(session, site.name, {
      into: id,
      ...(startPath === undefined ? {} : { startPath }),
    });
    return;
  }
  const { error } = useSiteConnect.getState();
  tabActions.setConnecting(id, false, error);
  useSiteConnect.getState().dismissError();
  // The tab asks for what the site does not keep (SiteReconnectPrompts), then connects into it.
  if (isAsking(useSiteConnect.getState())) {
    usePendingSiteReconnect.setState({
      tabId: id,
      siteName: site.name,
      ...(startPath === undefined ? {} : { startPath }),
    });
  }
}
