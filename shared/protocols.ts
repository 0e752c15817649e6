import { FerryError } from './errors';

/** Protocols, their URL schemes and default ports (see DESIGN.md, "Protocols and ports"). */
export const PROTOCOLS = ['sftp', 'ftps-explicit', 'ftps-implicit', 'ftp'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export interface ProtocolInfo {
  protocol: Protocol;
  label: string;
  scheme: string;
  defaultPort: number;
  secure: boolean;
}

export const PROTOCOL_INFO: Record<Protocol, ProtocolInfo> = {
  sftp: { protocol: 'sftp', label: 'SFTP', scheme: 'sftp', defaultPort: 22, secure: true },
  'ftps-explicit': {
    protocol: 'ftps-explicit',
    label: 'FTPS (explicit TLS)',
    scheme: 'ftpes',
    defaultPort: 21,
    secure: true,
  },
  'ftps-implicit': {
    protocol: 'ftps-implicit',
    label: 'FTPS (implicit TLS)',
    scheme: 'ftps',
    defaultPort: 990,
    secure: true,
  },
  ftp: { protocol: 'ftp', label: 'FTP (insecure)', scheme: 'ftp', defaultPort: 21, secure: false },
};

export function defaultPort(protocol: Protocol): number {
  return PROTOCOL_INFO[protocol].defaultPort;
}

/**
 * The port to show after the user picks another protocol: the new preset,
 * unless the user typed a port of their own (one that is no protocol's preset).
 */
export function portAfterProtocolChange(
  previous: Protocol,
  next: Protocol,
  currentPort: number | undefined,
  userTypedPort: boolean,
): number {
  if (userTypedPort && currentPort !== undefined && currentPort !== defaultPort(previous)) {
    return currentPort;
  }
  return defaultPort(next);
}

export function protocolFromScheme(scheme: string): Protocol | undefined {
  const lower = scheme.toLowerCase().replace(/:$/, '');
  return PROTOCOLS.find((p) => PROTOCOL_INFO[p].scheme === lower);
}

export interface RemoteUrl {
  protocol: Protocol;
  host: string;
  port: number;
  user?: string;
  path: string;
}

const URL_HINT =
  'Write it like sftp://user@host:2222/folder (ftpes://, ftps:// and ftp:// work too).';

function badUrl(message: string, hint = URL_HINT): FerryError {
  return new FerryError('invalid_input', message, hint);
}

function decodePart(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badUrl(`The ${what} in this address has a broken %-code.`, 'Write a % sign as %25.');
  }
}

/** Hides a password typed into an address (`user:secret@host`) before the text is shown. */
export function maskCredentials(text: string): string {
  if (/^[a-z]+:\/\//i.test(text))
    return text.replace(/^([a-z]+:\/\/[^:/@\s]*):[^@/\s]*@/i, '$1:****@');
  // scp style: user:secret@host:/path
  return text.replace(/^([^:/@\s]*):[^@\s]*@/, '$1:****@');
}

/**
 * Parses `scheme://[user@]host[:port][/path]`. Passwords in URLs are refused: they end up
 * in shell history and logs.
 */
export function parseRemoteUrl(input: string): RemoteUrl {
  const match = /^([a-z]+):\/\/(.+)$/i.exec(input.trim());
  if (!match) throw badUrl(`"${maskCredentials(input)}" is not a server address.`);
  const [, scheme = '', rest = ''] = match;
  const protocol = protocolFromScheme(scheme);
  if (!protocol) {
    throw badUrl(
      `Ferry does not know the scheme "${scheme}".`,
      'Use sftp://, ftpes://, ftps:// or ftp://.',
    );
  }
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const rawPath = slash === -1 ? '/' : rest.slice(slash);
  const at = authority.lastIndexOf('@');
  const userInfo = at === -1 ? undefined : authority.slice(0, at);
  const hostPort = at === -1 ? authority : authority.slice(at + 1);
  if (userInfo?.includes(':')) {
    throw badUrl(
      'Passwords do not belong in server addresses.',
      'Leave the password out; Ferry asks for it (or reads --password-env).',
    );
  }
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
  } else {
    const colon = hostPort.lastIndexOf(':');
    host = colon === -1 ? hostPort : hostPort.slice(0, colon);
    portText = colon === -1 ? undefined : hostPort.slice(colon + 1);
  }
  if (!host) throw badUrl(`"${input}" has no host name.`);
  if (!bracketed && host.includes(':')) {
    throw badUrl(`"${hostPort}" is not a host name.`, 'Put IPv6 addresses in brackets: [::1]:22.');
  }
  let port = defaultPort(protocol);
  if (portText !== undefined && portText !== '') {
    port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535 || !/^\d+$/.test(portText)) {
      throw badUrl(
        `"${portText}" is not a port number.`,
        'Ports are whole numbers from 1 to 65535.',
      );
    }
  }
  const path = decodePart(rawPath, 'folder');
  const user = userInfo === undefined ? undefined : decodePart(userInfo, 'user name');
  return user === undefined ? { protocol, host, port, path } : { protocol, host, port, user, path };
}

export function formatRemoteUrl(url: RemoteUrl): string {
  const scheme = PROTOCOL_INFO[url.protocol].scheme;
  const user = url.user ? `${encodeURIComponent(url.user)}@` : '';
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  const port = url.port === defaultPort(url.protocol) ? '' : `:${url.port}`;
  // parseRemoteUrl decodes %-codes and trims the address: % and spaces go out %-coded.
  const path = url.path.replace(/[%\s]/gu, (c) => encodeURIComponent(c));
  return `${scheme}://${user}${host}${port}${path.startsWith('/') ? '' : '/'}${path}`;
}
