/**
 * A WinSCP session's proxy (its Proxy page: ProxyMethod 0 none, 1 SOCKS4, 2 SOCKS5, 3 HTTP,
 * 4 Telnet, 5 local command) as a Ferry site's own proxy. Its saved password is WinSCP's to
 * decrypt and is left out; kinds Ferry cannot speak leave the site on the app's proxy, saying so.
 */
import type { SiteDraft } from '../../../../shared/contract/sites';

type ProxyFields = Pick<SiteDraft, 'proxyMode' | 'proxyHost' | 'proxyPort' | 'proxyUser'>;

const UNSUPPORTED: Record<string, string> = {
  '1': 'SOCKS4',
  '4': 'Telnet',
  '5': 'a local command',
};

export function winScpProxy(
  values: Map<string, string>,
  decode: (text: string) => string,
): { fields?: ProxyFields; note?: string } {
  const method = values.get('ProxyMethod') ?? '0';
  const host = decode(values.get('ProxyHost') ?? '').trim();
  if (method === '0' || host === '') return {};
  const other = UNSUPPORTED[method];
  if (other !== undefined || (method !== '2' && method !== '3')) {
    return {
      note: `Its proxy (${other ?? 'an unknown kind'}) is not one Ferry can use: it connects through the app’s proxy.`,
    };
  }
  const port = Number(values.get('ProxyPort'));
  const fields: ProxyFields = {
    proxyMode: method === '2' ? 'socks5' : 'http',
    proxyHost: host,
    proxyPort: Number.isInteger(port) && port >= 1 && port <= 65535 ? port : null,
    proxyUser: decode(values.get('ProxyUsername') ?? ''),
  };
  return values.has('ProxyPassword')
    ? { fields, note: 'Its proxy password was left out: Ferry asks for it when you connect.' }
    : { fields };
}
