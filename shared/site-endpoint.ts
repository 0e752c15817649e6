import { defaultPort, type Protocol } from './protocols';

/**
 * Whether a saved site describes the server and login a connection has: the same protocol, host
 * (in any case), port (the protocol's own when the site names none) and user. The core checks it
 * before giving a session to a site; the page before giving it a tab.
 */
export function siteIsFor(
  site: { protocol: Protocol; host: string; port: number | null; user: string },
  connection: { protocol: Protocol; host: string; port: number; user: string },
): boolean {
  return (
    site.protocol === connection.protocol &&
    site.host.trim().toLowerCase() === connection.host.trim().toLowerCase() &&
    (site.port ?? defaultPort(site.protocol)) === connection.port &&
    site.user === connection.user
  );
}
