import { History } from 'lucide-react';
import type { RecentConnection, SiteProfile } from '../../../shared/contract/sites';
import { PROTOCOL_INFO } from '../../../shared/protocols';
import { call } from '../../api';
import { useQuickConnect } from '../connect/quickConnectStore';
import { useSites } from './sitesStore';

interface Props {
  recent: RecentConnection[];
  sites: SiteProfile[];
  onConnect(site: SiteProfile): void;
}

/** The last few connections: a saved site connects again; a quick one fills quick connect. */
export function RecentList({ recent, sites, onConnect }: Props) {
  if (recent.length === 0) return null;
  const open = (entry: RecentConnection) => {
    const site = entry.siteId ? sites.find((s) => s.id === entry.siteId) : undefined;
    if (site) {
      onConnect(site);
      return;
    }
    useQuickConnect.getState().fill({
      protocol: entry.protocol,
      host: entry.host,
      port: String(entry.port),
      user: entry.user,
      password: '',
    });
    useSites.getState().close();
  };
  return (
    <section className="sm-recent" aria-label="Recent connections">
      <h3>
        <History size={13} aria-hidden="true" /> Recent
        <button
          type="button"
          className="sm-link"
          onClick={() => void call('sites.recent.clear', {})}
        >
          Clear
        </button>
      </h3>
      <ul>
        {recent.slice(0, 6).map((entry) => (
          <li key={`${entry.protocol}:${entry.host}:${entry.port}:${entry.user}`}>
            <button
              type="button"
              onClick={() => open(entry)}
              title={`${PROTOCOL_INFO[entry.protocol].label} ${entry.host}:${entry.port}`}
            >
              {entry.name}
              <span className="muted"> · {new Date(entry.at).toLocaleDateString()}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
