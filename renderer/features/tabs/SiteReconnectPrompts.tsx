import { useEffect } from 'react';
import type { SiteSession } from '../../../shared/contract/sites';
import { ConnectPrompts } from '../sites/ConnectPrompts';
import { isAsking, useSiteConnect } from '../sites/useSiteConnect';
import { usePendingSiteReconnect } from './reconnect';
import { tabActions } from './tabsStore';

/** The password (proxy or jump host password, plain-FTP) questions of a saved site's reconnect, asked from its tab. */
export function SiteReconnectPrompts({ tabId }: { tabId: string }) {
  const pending = usePendingSiteReconnect();
  const asking = useSiteConnect(isAsking);
  const mine = pending.tabId === tabId;

  useEffect(() => {
    // Cancelled: nothing waits any more.
    if (mine && !asking) usePendingSiteReconnect.setState({ tabId: undefined });
  }, [mine, asking]);

  if (!mine || !asking) return null;
  const connected = (session: SiteSession) => {
    usePendingSiteReconnect.setState({ tabId: undefined });
    tabActions.adoptSiteSession(session, pending.siteName ?? session.host, {
      into: tabId,
      ...(pending.startPath === undefined ? {} : { startPath: pending.startPath }),
    });
  };
  return <ConnectPrompts onConnected={connected} />;
}
