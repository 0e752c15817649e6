/**
 * How a connection reaches its server when not directly: through a proxy, or through an SSH jump
 * host. Either way the connector gets a connected TCP socket to the server (paused until read)
 * and speaks to the server over it exactly as over a direct one: SSH, FTP, TLS with the same
 * certificate checks.
 */
import type { Socket } from 'node:net';
import type { FerryError } from '../../../shared/errors';
import type { ProxySettings } from '../../../shared/proxy';
import type { ConnectionParams } from '../../../shared/types';
import { type DialOptions, dialThroughProxy } from './proxy/dial';
import { proxyUnreachable } from './proxy/proxy-errors';

export interface Dialer {
  /** Opens a connection to `target` from the far side (the proxy, the jump host). */
  dial(target: { host: string; port: number }, options: DialOptions): Promise<Socket>;
  /** The error for a dial that ran out of time (the proxy, or the jump host, did not answer). */
  timedOut(target: { host: string; port: number }): FerryError;
}

/** A route's dialer and the server it reaches (FTP's data connections go the same way). */
export interface Route {
  via: Dialer;
  target: { host: string; port: number };
}

export function proxyDialer(proxy: ProxySettings): Dialer {
  return {
    dial: (target, options) => dialThroughProxy(proxy, target, options),
    timedOut: () => proxyUnreachable(proxy, { code: 'timeout' }),
  };
}

/** The way a connection goes: the session's jump tunnel if any, else its proxy, else direct. */
export function dialerFor(
  params: ConnectionParams,
  tunnel: Dialer | undefined,
): Dialer | undefined {
  if (tunnel) return tunnel;
  return params.proxy ? proxyDialer(params.proxy) : undefined;
}
