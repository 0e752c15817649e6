/** What can go wrong at a proxy, in plain words with what to do (each a FerryError). */
import { FerryError } from '../../../../shared/errors';
import { describeProxy, type ProxyEndpoint } from '../../../../shared/proxy';
import { systemCode } from '../net-errors';

export interface ProxyTarget {
  host: string;
  port: number;
}

const SETTINGS_HINT = 'Check the proxy in Settings (or the site’s Proxy settings).';

/** The proxy itself could not be reached (refused, no such name, no route, silence). */
export function proxyUnreachable(proxy: ProxyEndpoint, cause: unknown): FerryError {
  const what = describeProxy(proxy);
  const code = systemCode(cause);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new FerryError(
      'host_not_found',
      `The proxy's name "${proxy.host}" could not be found.`,
      `${SETTINGS_HINT} Check the spelling of the proxy host.`,
      { cause },
    );
  }
  if (code === 'ECONNREFUSED') {
    return new FerryError(
      'connection_refused',
      `Nothing is accepting connections at the ${what}.`,
      `${SETTINGS_HINT} Check the proxy's port, and that the proxy is running.`,
      { cause },
    );
  }
  if (code === 'ETIMEDOUT' || code === 'timeout') {
    return new FerryError(
      'timeout',
      `The ${what} did not answer in time.`,
      `${SETTINGS_HINT} A firewall may be dropping the connection to the proxy.`,
      { cause },
    );
  }
  return new FerryError(
    'connection_lost',
    `The connection to the ${what} failed or was closed before it let Ferry through.`,
    `${SETTINGS_HINT} Check the proxy's address and port.`,
    { cause },
  );
}

/** The proxy answered, but not in the protocol it was set up as (e.g. HTTP set up as SOCKS5). */
export function proxySpokeOtherProtocol(proxy: ProxyEndpoint, heard?: string): FerryError {
  const other = proxy.kind === 'socks5' ? 'an HTTP' : 'a SOCKS5';
  const sounded = heard === undefined ? '' : ` (it answered like ${heard})`;
  return new FerryError(
    'protocol_mismatch',
    `The proxy at ${proxy.host}:${proxy.port} does not answer as ${describeKind(proxy)} proxy${sounded}.`,
    `Check the proxy type in the proxy settings: it may be ${other} proxy, or the port may belong to something else.`,
  );
}

/** The proxy wants a user name and password and none were given. */
export function proxyNeedsCredentials(proxy: ProxyEndpoint): FerryError {
  return new FerryError(
    'auth_failed',
    `The ${describeProxy(proxy)} asks for a user name and password.`,
    'Enter the proxy user name and password in the proxy settings.',
  );
}

/** The proxy refused the user name and password it was given. */
export function proxyDeniedCredentials(proxy: ProxyEndpoint): FerryError {
  return new FerryError(
    'auth_failed',
    `The ${describeProxy(proxy)} refused the proxy user name or password.`,
    'Check the proxy user name and password in the proxy settings (they are not the server’s login).',
  );
}

/** The cause of a proxyRefusedTarget error: the proxy answered, the server behind it did not. */
export interface ProxyRefusal {
  proxyRefusal: RefusalReason;
}

export function isProxyRefusal(error: unknown): error is FerryError & { cause: ProxyRefusal } {
  return (
    error instanceof FerryError &&
    typeof error.cause === 'object' &&
    error.cause !== null &&
    'proxyRefusal' in error.cause
  );
}

/** Why a proxy would not connect Ferry to the server. */
export type RefusalReason =
  | 'not-allowed'
  | 'host-unreachable'
  | 'network-unreachable'
  | 'connection-refused'
  | 'host-not-found'
  | 'timeout'
  | 'unsupported'
  | 'general';

export function proxyRefusedTarget(
  proxy: ProxyEndpoint,
  target: ProxyTarget,
  reason: RefusalReason,
  said?: string,
): FerryError {
  const where = `${target.host}:${target.port}`;
  const via = `The ${describeProxy(proxy)}`;
  // Marks the proxy's own answer about the server (as against the proxy failing).
  const cause: ProxyRefusal = { proxyRefusal: reason };
  const quote = said === undefined ? '' : ` (it said: "${said}")`;
  switch (reason) {
    case 'not-allowed':
      return new FerryError(
        'connection_refused',
        `${via} does not allow connections to ${where}${quote}.`,
        'The proxy’s rules forbid this server or port. Ask whoever runs the proxy to allow it.',
        { cause },
      );
    case 'connection-refused':
      return new FerryError(
        'connection_refused',
        `${via} reached ${target.host}, but nothing is accepting connections on port ${target.port}${quote}.`,
        'Check the port and the protocol: SFTP uses 22, FTPS explicit and FTP 21, FTPS implicit 990.',
        { cause },
      );
    case 'host-not-found':
      return new FerryError(
        'host_not_found',
        `${via} could not find the host "${target.host}"${quote}.`,
        'Check the spelling of the host; the proxy looks the name up, so it must be one the proxy knows.',
        { cause },
      );
    case 'host-unreachable':
    case 'network-unreachable':
      return new FerryError(
        'host_not_found',
        `${via} cannot reach ${target.host}${quote}.`,
        'Check the host. The server may be down, or not reachable from the proxy.',
        { cause },
      );
    case 'timeout':
      return new FerryError(
        'timeout',
        `${via} could not reach ${where} in time${quote}.`,
        'The server may be down, or a firewall between the proxy and the server drops the connection.',
        { cause },
      );
    case 'unsupported':
      return new FerryError(
        'protocol_mismatch',
        `${via} does not support the connection Ferry asked for${quote}.`,
        'Try the other proxy type (SOCKS5 or HTTP CONNECT), or ask whoever runs the proxy.',
        { cause },
      );
    case 'general':
      return new FerryError(
        'connection_refused',
        `${via} could not connect to ${where}${quote}.`,
        'The proxy gave no reason. Check the host and port, then ask whoever runs the proxy.',
        { cause },
      );
  }
}

function describeKind(proxy: ProxyEndpoint): string {
  return proxy.kind === 'socks5' ? 'a SOCKS5' : 'an HTTP CONNECT';
}
