/**
 * Proxies a connection can go through (FileZilla's "Generic proxy", WinSCP's Proxy page):
 * SOCKS5 (RFC 1928, optional user name and password, RFC 1929; the proxy resolves the server's
 * name) and HTTP CONNECT (optional Basic auth). Shared by the core, the page and `ferry`.
 */
export const PROXY_KINDS = ['socks5', 'http'] as const;
export type ProxyKind = (typeof PROXY_KINDS)[number];

export const PROXY_LABEL: Record<ProxyKind, string> = {
  socks5: 'SOCKS5',
  http: 'HTTP CONNECT',
};

/** Where a proxy is and how to log in to it (no user: it asks for none). */
export interface ProxyEndpoint {
  kind: ProxyKind;
  host: string;
  port: number;
  user?: string;
}

/** A proxy with its password, as a connection uses it (core only: never sent to the page). */
export interface ProxySettings extends ProxyEndpoint {
  password?: string;
}

export const DEFAULT_PROXY_PORT: Record<ProxyKind, number> = { socks5: 1080, http: 8080 };

/** "SOCKS5 proxy 127.0.0.1:1080", for log lines and the page. */
export function describeProxy(proxy: ProxyEndpoint): string {
  const host = proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host;
  return `${PROXY_LABEL[proxy.kind]} proxy ${host}:${proxy.port}`;
}

/**
 * Reads `socks5://user@host:port` or `http://host:port` (the `ferry --proxy` form). A password
 * in the address is refused: it would sit in the shell's history and the process list.
 * Returns a reason in words when the address is not one.
 */
export function parseProxyAddress(text: string): ProxyEndpoint | { problem: string } {
  const match =
    /^(socks5h?|http):\/\/(?:([^@/:]*)(:[^@/]*)?@)?(\[[^\]/]+\]|[^:/@[\]]+)(?::(\d+))?\/?$/i.exec(
      text.trim(),
    );
  if (!match) {
    return {
      problem: `"${text}" is not a proxy address like socks5://host:1080 or http://host:8080.`,
    };
  }
  const [, scheme = '', user, password, rawHost = '', rawPort] = match;
  if (password !== undefined) {
    return { problem: 'Put no password in the proxy address; give it in an environment variable.' };
  }
  const kind: ProxyKind = scheme.toLowerCase() === 'http' ? 'http' : 'socks5';
  const port = rawPort === undefined ? DEFAULT_PROXY_PORT[kind] : Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { problem: `The proxy port ${rawPort ?? ''} is not a port (1–65535).` };
  }
  const host = rawHost.replace(/^\[(.*)\]$/, '$1');
  const endpoint: ProxyEndpoint = { kind, host, port };
  if (user !== undefined && user !== '') endpoint.user = decodeURIComponent(user);
  return endpoint;
}
