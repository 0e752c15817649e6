import { useEffect } from 'react';
import type { SiteProfile } from '../../../shared/contract/sites';
import { useSites, watchSitesEvents } from './sitesStore';

/**
 * The saved site a connection tab came from, as the sites file has it now (its time offset, its
 * bookmarks); loads the list the first time one is asked for, and follows changes made in
 * another window. Undefined for a quick connection, or while loading.
 */
export function useSavedSite(siteId: string | undefined): SiteProfile | undefined {
  const snapshot = useSites((s) => s.snapshot);
  useEffect(() => {
    if (siteId === undefined) return;
    watchSitesEvents();
    if (!useSites.getState().snapshot) void useSites.getState().load();
  }, [siteId]);
  return siteId === undefined ? undefined : snapshot?.sites.find((s) => s.id === siteId);
}
