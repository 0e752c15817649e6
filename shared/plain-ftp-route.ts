/**
 * Which plain-FTP server, reached which way, a consent to send the password in clear text is
 * for (a site's remembered "I know", a run's answer to the question).
 */
import type { SiteDraft } from './contract/sites';
import { DEFAULT_JUMP_PORT } from './jump-host';
import { defaultPort } from './protocols';

/**
 * A plain-FTP server and the way to it, as a consent to send it the password in clear text is
 * for: "host:port", or "host:port via jumphost:port" through an SSH jump host. The same address
 * through another jump host (or none) may be another machine, so it needs its own consent.
 */
export function plainFtpRouteKey(
  host: string,
  port: number,
  jump?: { host: string; port: number } | null,
): string {
  const server = `${host.trim().toLowerCase()}:${port}`;
  return jump ? `${server}${VIA}${jump.host.trim().toLowerCase()}:${jump.port}` : server;
}

const VIA = ' via ';

/** The consent names an SSH jump host as the way to the server (see plainFtpRouteKey). */
export function consentNamesJumpHost(key: string): boolean {
  return key.includes(VIA);
}

type RouteFields = 'protocol' | 'host' | 'port' | 'jumpEnabled' | 'jumpHost' | 'jumpPort';

/** The server and route a site's plain-FTP acknowledgement is for (see plainFtpRouteKey). */
export function plainFtpServerKey(site: Pick<SiteDraft, RouteFields>): string {
  const jump =
    site.jumpEnabled && site.jumpHost.trim() !== ''
      ? { host: site.jumpHost, port: site.jumpPort ?? DEFAULT_JUMP_PORT }
      : null;
  return plainFtpRouteKey(site.host, site.port ?? defaultPort(site.protocol), jump);
}

/**
 * The site remembers that the user knows its plain-FTP server is not encrypted — for this server
 * reached this way: a changed host, port or jump host asks again.
 */
export function plainFtpAcknowledged(
  site: Pick<SiteDraft, RouteFields | 'plainFtpAcknowledgedFor'>,
): boolean {
  return site.protocol === 'ftp' && site.plainFtpAcknowledgedFor === plainFtpServerKey(site);
}
