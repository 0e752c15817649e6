/**
 * A saved site's proxy: the app's, none, or its own (Site → Proxy, as WinSCP's Proxy page).
 * The own proxy's password is a site secret like its login password: saved, forgotten and sent
 * only to the proxy (kind, host, port, user) it was saved for.
 */
import type { SiteDraft, SiteProfile } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import { DEFAULT_PROXY_PORT, type ProxyEndpoint, type ProxySettings } from '../../../shared/proxy';
import { secretName } from '../secrets/secret-store';
import type { Secrets } from '../secrets/secrets';

export const proxySecretName = (siteId: string): string => secretName(siteId, 'proxy-password');

/** The site's own proxy without its password; null: none; undefined: the app's. */
export function siteProxyEndpoint(site: SiteDraft): ProxyEndpoint | null | undefined {
  if (site.proxyMode === 'app') return undefined;
  if (site.proxyMode === 'none') return null;
  if (site.proxyHost.trim() === '') {
    throw new FerryError(
      'invalid_input',
      `"${site.name}" goes through a proxy of its own, but no proxy host is set.`,
      'Edit the site: enter the proxy host, or choose the app’s proxy.',
    );
  }
  const endpoint: ProxyEndpoint = {
    kind: site.proxyMode,
    host: site.proxyHost.trim(),
    port: site.proxyPort ?? DEFAULT_PROXY_PORT[site.proxyMode],
  };
  if (site.proxyUser !== '') endpoint.user = site.proxyUser;
  return endpoint;
}

/**
 * For ConnectionParams.proxy: the own proxy with `password`, null for none, undefined: app's.
 * An own proxy with a user but no password is refused before dialling: sent without one, the
 * proxy's refusal would read as a wrong password (an imported site never brings its password).
 */
export function siteProxy(site: SiteDraft, password?: string): ProxySettings | null | undefined {
  const endpoint = siteProxyEndpoint(site);
  if (!endpoint || endpoint.user === undefined) return endpoint;
  if (password === undefined) throw proxyPasswordNeeded(site.name, endpoint);
  return { ...endpoint, password };
}

/** The page asks for the proxy password before connecting; this is for when it could not know. */
function proxyPasswordNeeded(siteName: string, proxy: ProxyEndpoint): FerryError {
  return new FerryError(
    'invalid_input',
    `"${siteName}" connects through its own proxy ${proxy.host}:${proxy.port} as "${proxy.user ?? ''}", and Ferry has no password for that proxy.`,
    'Enter the proxy password in the site’s Proxy settings, or when Ferry asks for it as you connect. If the saved passwords are locked, unlock them at the bottom of the site manager.',
  );
}

/** The saved password of the site's own proxy, if it has one (and it can be read). */
export async function savedProxyPassword(
  secrets: Secrets,
  site: SiteProfile,
): Promise<string | undefined> {
  if (!site.hasProxyPassword || siteProxyEndpoint(site)?.user === undefined) return undefined;
  return secrets.get(proxySecretName(site.id)).catch(() => undefined);
}

/** Same proxy and user: a saved password may go there. */
export function sameSiteProxy(a: SiteDraft, b: SiteDraft): boolean {
  const x = a.proxyMode === 'app' || a.proxyMode === 'none' ? undefined : siteProxyEndpoint(a);
  const y = b.proxyMode === 'app' || b.proxyMode === 'none' ? undefined : siteProxyEndpoint(b);
  return (
    x !== undefined &&
    x !== null &&
    y !== undefined &&
    y !== null &&
    x.kind === y.kind &&
    x.host.toLowerCase() === y.host.toLowerCase() &&
    x.port === y.port &&
    x.user === y.user
  );
}

/**
 * What saving does with the own proxy's password: `change` is a new one (string), forget
 * (null) or keep (undefined: only while the proxy and user are the saved ones).
 */
export function proxyPasswordPlan(
  draft: SiteDraft,
  saved: SiteProfile | undefined,
  change: string | null | undefined,
): { write?: string; has: boolean } {
  const wantsOne =
    draft.proxyMode !== 'app' &&
    draft.proxyMode !== 'none' &&
    draft.proxyUser !== '' &&
    draft.proxyHost.trim() !== '';
  if (!wantsOne || change === null) return { has: false };
  if (typeof change === 'string')
    return change === '' ? { has: false } : { write: change, has: true };
  return { has: saved?.hasProxyPassword === true && sameSiteProxy(saved, draft) };
}
