/**
 * Plain FTP sends the password and every file in clear text. The user is asked once per server
 * for this run of Ferry (kept in memory only, so a restart or reload asks again); the pane still
 * says "Not encrypted" on every plain-FTP connection.
 */
const consented = new Set<string>();

const keyOf = (host: string, port: number) => `${host.toLowerCase()}:${port}`;

export function hasPlainFtpConsent(host: string, port: number): boolean {
  return consented.has(keyOf(host, port));
}

export function rememberPlainFtpConsent(host: string, port: number): void {
  consented.add(keyOf(host, port));
}

// Earlier versions kept the consent on disk for ever; drop what they left behind.
try {
  localStorage.removeItem('ferry.plainFtpAcknowledged');
} catch {
  // Storage can be unavailable (privacy settings); there is then nothing to drop.
}
