/** Reconnect after the server hung up: the same login again, in the same tab. */
import { useSiteConnect } from '../sites/useSiteConnect';
import { useSites } from '../sites/sitesStore';
import { tabActions, tabById } from './tabsStore';

export async function reconnectTab(id: string): Promise<void> {
  if (tabActions.reconnectQuick(id)) return;
  const tab = tabById(id);
  if (!tab?.site || tab.session || tab.connecting) return;
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
  const siteConnect = useSiteConnect.getState();
  const session = await siteConnect.connect(site);
  if (session) {
    tabActions.adoptSiteSession(session, site.name, {
      into: id,
      ...(tab.lostFolder === undefined ? {} : { startPath: tab.lostFolder }),
    });
    return;
  }
  tabActions.setConnecting(id, false, useSiteConnect.getState().error);
  useSiteConnect.getState().dismissError();
  const { askPassword, askPlainFtp } = useSiteConnect.getState();
  if (askPassword || askPlainFtp) {
    // The password or the plain-FTP consent is asked in the site manager, which connects from
    // there into this (still shown, now empty) tab.
    useSites.getState().select({ kind: 'site', id: siteId });
    useSites.getState().openManager();
  }
}
