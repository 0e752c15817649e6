/**
 * WinSCP's `WinSCP.ini`: one `[Sessions\<url-encoded folder/name>]` section per site. WinSCP
 * writes only values that differ from its defaults. Its passwords are reversibly scrambled, not
 * protected: Ferry leaves them out and asks at the first connect.
 */
import { FerryError } from '../../../../shared/errors';
import { defaultPort, type Protocol } from '../../../../shared/protocols';
import { baseDraft, parsePort, portSetting, type ImportCandidate } from './candidate';
import { parseIni, type IniSection } from './ini-lite';
import { winScpEncoding } from './name-encoding-import';
import { winScpProxy } from './winscp-proxy';
import { winScpTunnel } from './winscp-tunnel';

const SESSION_PREFIX = 'Sessions\\';
const WINSCP_DEFAULTS = 'Default Settings';

/** FSProtocol: 0 SCP, 1 SFTP (SCP fallback, the default), 2 SFTP, 5 FTP, 6 WebDAV, 7 S3. */
function protocolOf(values: Map<string, string>): {
  protocol?: Protocol;
  note?: string;
  refused?: string;
} {
  const fs = values.get('FSProtocol') ?? '1';
  const ftps = values.get('Ftps') ?? '0';
  switch (fs) {
    case '0':
      return {
        protocol: 'sftp',
        note: 'WinSCP used SCP; Ferry uses SFTP, which the same SSH servers almost always offer.',
      };
    case '1':
    case '2':
      return { protocol: 'sftp' };
    case '5':
      if (ftps === '1') return { protocol: 'ftps-implicit' };
      if (ftps === '2' || ftps === '3') return { protocol: 'ftps-explicit' };
      if (ftps === '0') {
        return {
          protocol: 'ftp',
          note: 'Plain FTP sends everything in clear text, password included.',
        };
      }
      return { refused: `"Ftps=${ftps}" is not a setting WinSCP writes.` };
    case '6':
      return { refused: 'WebDAV is not supported by Ferry.' };
    case '7':
      return { refused: 'Amazon S3 is not supported by Ferry.' };
    default:
      return { refused: `"FSProtocol=${fs}" is not a protocol Ferry knows.` };
  }
}

/** WinSCP %-encodes names and values; a stray % is kept as written. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function parseWinScpSessions(text: string): ImportCandidate[] {
  const sections = parseIni(text);
  if (!sections.some((s) => s.name.startsWith(SESSION_PREFIX) || s.name === 'Configuration')) {
    throw new FerryError(
      'import_failed',
      'This is not a WinSCP.ini file.',
      'Choose WinSCP.ini (WinSCP: Tools › Export/Backup Configuration).',
    );
  }
  return sections
    .filter((s) => s.name.startsWith(SESSION_PREFIX))
    .map((s) => ({ section: s, path: decode(s.name.slice(SESSION_PREFIX.length)).split('/') }))
    .filter(({ path }) => !(path.length === 1 && path[0] === WINSCP_DEFAULTS))
    .map(({ section, path }) => sessionCandidate(section, path));
}

function sessionCandidate(section: IniSection, path: string[]): ImportCandidate {
  const { values } = section;
  const get = (key: string) => decode(values.get(key) ?? '');
  const segments = path.filter((p) => p !== '');
  const name = segments.at(-1) ?? 'Unnamed site';
  const host = get('HostName');
  const user = get('UserName');
  const base = {
    name,
    folderPath: segments.slice(0, -1),
    host,
    user,
    passwordNotImported: values.has('Password'),
    notes: [] as string[],
  };
  const kind = protocolOf(values);
  if (!kind.protocol) return { ...base, refused: kind.refused ?? 'Unknown protocol.' };
  const port = parsePort(values.get('PortNumber'));
  if (port === 'invalid')
    return {
      ...base,
      protocol: kind.protocol,
      refused: 'Its port is not a number from 1 to 65535.',
    };
  if (host === '') return { ...base, protocol: kind.protocol, refused: 'It has no host.' };

  const draft = {
    ...baseDraft(kind.protocol),
    host,
    user,
    port: portSetting(port, defaultPort(kind.protocol)),
    passive: values.get('FtpPasvMode') !== '0',
    localDir: get('LocalDirectory'),
    remoteDir: get('RemoteDirectory').startsWith('/') ? get('RemoteDirectory') : '',
  };
  const keyFile = get('PublicKeyFile');
  if (keyFile !== '') Object.assign(draft, { auth: 'key', keyFile });
  const notes = kind.note ? [kind.note] : [];
  const proxy = winScpProxy(values, decode);
  if (proxy.fields) Object.assign(draft, proxy.fields);
  if (proxy.note) notes.push(proxy.note);
  const tunnel = winScpTunnel(values, decode);
  if (tunnel.fields) Object.assign(draft, tunnel.fields);
  notes.push(...tunnel.notes);
  const charset = winScpEncoding(kind.protocol, values.get('Utf'));
  Object.assign(draft, { nameEncoding: charset.nameEncoding });
  if (charset.note) notes.push(charset.note);
  if (base.passwordNotImported)
    notes.push('WinSCP’s saved password was left out: Ferry will ask for it.');
  return {
    ...base,
    protocol: kind.protocol,
    port: port ?? defaultPort(kind.protocol),
    draft,
    notes,
  };
}
