import { useState } from 'react';
import type { SiteDraft, SiteProfile } from '../../../shared/contract/sites';
import { DEFAULT_PROXY_PORT } from '../../../shared/proxy';
import { ProxyFields } from './ProxyFields';
import type { ProxyDraft } from './proxyDraft';

/** The proxy fields' view of a site: the port shown is the kind's usual one when it has none. */
export function siteProxyDraft(
  draft: SiteDraft,
  portText: string | undefined,
  password: string | undefined,
  saved: SiteProfile | undefined,
): ProxyDraft {
  const mode = draft.proxyMode;
  const usualPort = mode === 'app' || mode === 'none' ? undefined : DEFAULT_PROXY_PORT[mode];
  const port = portText ?? (usualPort === undefined ? '' : String(draft.proxyPort ?? usualPort));
  const samePassword =
    saved?.hasProxyPassword === true &&
    saved.proxyMode === draft.proxyMode &&
    saved.proxyHost.trim().toLowerCase() === draft.proxyHost.trim().toLowerCase() &&
    saved.proxyPort === draft.proxyPort &&
    saved.proxyUser === draft.proxyUser;
  return {
    kind: draft.proxyMode,
    host: draft.proxyHost,
    port,
    user: draft.proxyUser,
    password: password ?? '',
    hasPassword: samePassword,
  };
}

/** The site's "Proxy" group (WinSCP's per-site Proxy page): the app's, none, or its own. */
export function SiteProxyFields({
  draft,
  onDraft,
  password,
  onPassword,
  saved,
  cannotKeepPassword,
}: {
  draft: SiteDraft;
  onDraft(draft: SiteDraft): void;
  password: string | undefined;
  onPassword(password: string | undefined): void;
  saved: SiteProfile | undefined;
  cannotKeepPassword: boolean;
}) {
  // The port as typed (undefined: as the site says); a half-typed port is not the site's yet.
  const [portText, setPortText] = useState<string | undefined>(undefined);
  const view = siteProxyDraft(draft, portText, password, saved);
  const change = (next: ProxyDraft) => {
    const kind = next.kind;
    const own = kind !== 'app' && kind !== 'none';
    const port = Number(next.port);
    const valid = /^\d+$/.test(next.port.trim()) && port >= 1 && port <= 65535;
    const usual = own && valid && port === DEFAULT_PROXY_PORT[kind];
    onDraft({
      ...draft,
      proxyMode: next.kind,
      proxyHost: next.host,
      proxyPort: own && valid && !usual ? port : own && !valid ? draft.proxyPort : null,
      proxyUser: next.user,
    });
    setPortText(own ? next.port : undefined);
    onPassword(next.password === '' ? undefined : next.password);
  };
  return (
    <fieldset>
      <legend>Proxy</legend>
      <ProxyFields
        draft={view}
        onChange={change}
        appLabel="The app’s proxy (Settings)"
        noneLabel="No proxy (connect directly)"
        cannotKeepPassword={cannotKeepPassword}
      />
      {draft.protocol !== 'sftp' && !draft.passive && draft.proxyMode !== 'none' && (
        <p className="warning-banner" role="note">
          {draft.proxyMode === 'app' ? 'If the app has a proxy, active' : 'Active'} data connections
          cannot work through it (the server would have to connect back to this computer): Ferry
          uses passive mode.
        </p>
      )}
    </fieldset>
  );
}
