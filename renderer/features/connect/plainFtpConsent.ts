/**
 * Plain FTP sends the password and every file in clear text. The user acknowledges that once
 * per server (remembered on this device); the pane still shows a warning every time.
 */
const KEY = 'ferry.plainFtpAcknowledged';

function load(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function hasPlainFtpConsent(host: string, port: number): boolean {
  return load().includes(`${host.toLowerCase()}:${port}`);
}

export function rememberPlainFtpConsent(host: string, port: number): void {
  const all = new Set(load());
  all.add(`${host.toLowerCase()}:${port}`);
  localStorage.setItem(KEY, JSON.stringify([...all]));
}
