import type { SiteSession } from '../../../shared/contract/sites';
import { localPaneStore } from '../local/LocalPane';
import { endpointLabel } from '../tabs/tabRules';
import { tabActions } from '../tabs/tabsStore';
import { useSites } from './sitesStore';

/**
 * Gives a session opened from the site manager to the remote side (the shown tab when it is
 * empty, else a new tab), and opens the site's start folders on both sides.
 */
export function handOverToRemotePane(session: SiteSession): void {
  const site = useSites.getState().snapshot?.sites.find((s) => s.id === session.siteId);
  tabActions.adoptSiteSession(session, site?.name ?? endpointLabel(session));
  if (session.initialLocalDir) {
    void localPaneStore.getState().actions.navigate(session.initialLocalDir);
  }
}
