/**
 * Plain FTP sends the password and every file in clear text. The user is asked once per server
 * and the way to it (`plainFtpRouteKey`: through which SSH jump host, if any) for this run of
 * Ferry (kept in memory only, so a restart or reload asks again); the pane still says "Not
 * encrypted" on every plain-FTP connection.
 */
const consented = new Set<string>();

export function hasPlainFtpConsent(route: string): boolean {
  return consented.has(route);
}

export function rememberPlainFtpConsent(route: string): void {
  consented.add(route);
}

// Earlier versions kept the consent on disk for ever; drop what they left behind.
try {
  localStorage.removeItem('ferry.plainFtpAcknowledged');
} catch {
  // Storage can be unavailable (privacy settings); there is then nothing to drop.
}
