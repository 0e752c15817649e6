/**
 * A WinSCP session's SSH tunnel (its Connection › Tunnel page: Tunnel=1, TunnelHostName,
 * TunnelPortNumber, TunnelUserName, TunnelPublicKeyFile) as a Ferry site's jump host. Its saved
 * password is WinSCP's to decrypt and is left out (a key file on another computer is left out by
 * check-candidate.ts, as the login's is).
 */
import type { SiteDraft } from '../../../../shared/contract/sites';

type JumpFields = Pick<
  SiteDraft,
  'jumpEnabled' | 'jumpHost' | 'jumpPort' | 'jumpUser' | 'jumpAuth' | 'jumpKeyFile'
>;

export function winScpTunnel(
  values: Map<string, string>,
  decode: (text: string) => string,
): { fields?: JumpFields; notes: string[] } {
  const host = decode(values.get('TunnelHostName') ?? '').trim();
  if (values.get('Tunnel') !== '1' || host === '') return { notes: [] };
  const port = Number(values.get('TunnelPortNumber'));
  const keyFile = decode(values.get('TunnelPublicKeyFile') ?? '');
  const fields: JumpFields = {
    jumpEnabled: true,
    jumpHost: host,
    jumpPort: Number.isInteger(port) && port >= 1 && port <= 65535 && port !== 22 ? port : null,
    jumpUser: decode(values.get('TunnelUserName') ?? ''),
    jumpAuth: keyFile === '' ? 'password' : 'key',
    jumpKeyFile: keyFile,
  };
  const notes: string[] = [];
  if (values.has('TunnelPassword')) {
    notes.push('Its SSH tunnel password was left out: enter it in the site’s SSH tunnel settings.');
  }
  return { fields, notes };
}
