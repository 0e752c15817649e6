import { Socket } from 'node:net';
import type { ProxySettings } from '../../../shared/proxy';
import { systemCode } from '../remote/net-errors';
import { dialThroughProxy } from '../remote/proxy/dial';
import { isProxyRefusal } from '../remote/proxy/proxy-errors';
import { isServerUnreachable } from '../remote/jump/jump-errors';
import type { Dialer } from '../remote/route';
import type { ProbeRoute } from './context';

/**
 * Every socket one check opens, so all of them are closed when the check ends — whatever state
 * each probe step was left in when its time ran out.
 */
export class SocketTracker {
  private readonly sockets = new Set<{ destroy(): void }>();

  track<S extends { destroy(): void; once(event: 'close', listener: () => void): unknown }>(
    socket: S,
  ): S {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}

export type TcpOutcome =
  { ok: true; socket: Socket } | { ok: false; status: 'closed' | 'no-answer'; detail: string };

/**
 * Opens a TCP connection (through `proxy` when given); a refusal or silence becomes a status,
 * never a thrown error.
 */
export function openTcp(
  tracker: SocketTracker,
  address: string,
  port: number,
  timeoutMs: number,
  route: ProbeRoute = {},
): Promise<TcpOutcome> {
  if (route.tunnel) return openThroughTunnel(tracker, route.tunnel, address, port, timeoutMs);
  if (route.proxy) return openThroughProxy(tracker, route.proxy, address, port, timeoutMs);
  return new Promise<TcpOutcome>((resolve) => {
    const socket = tracker.track(new Socket());
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({
        ok: false,
        status: 'no-answer',
        detail: 'The connection was not answered in time.',
      });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      // Late errors (resets) are handled by each reader; never let them crash the process.
      socket.on('error', () => undefined);
      resolve({ ok: true, socket });
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      const refused = systemCode(error) === 'ECONNREFUSED';
      resolve({
        ok: false,
        status: refused ? 'closed' : 'no-answer',
        detail: refused ? 'Nothing is listening on this port.' : 'The host could not be reached.',
      });
    });
    socket.setNoDelay(true);
    socket.connect({ host: address, port });
  });
}

/** The proxy's refusal of a port is that port's answer; its own failure says what it is. */
async function openThroughProxy(
  tracker: SocketTracker,
  proxy: ProxySettings,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<TcpOutcome> {
  try {
    const socket = tracker.track(await dialThroughProxy(proxy, { host, port }, { timeoutMs }));
    return { ok: true, socket };
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'The proxy did not connect.';
    const refused = isProxyRefusal(error) && error.cause.proxyRefusal === 'connection-refused';
    return { ok: false, status: refused ? 'closed' : 'no-answer', detail };
  }
}

/**
 * Through the SSH jump host: the server it could not reach (nothing listening there) is that
 * port's answer, closed; anything else (silence, a refusal to forward) is no answer, in its words.
 */
async function openThroughTunnel(
  tracker: SocketTracker,
  tunnel: Dialer,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<TcpOutcome> {
  try {
    const socket = tracker.track(await tunnel.dial({ host, port }, { timeoutMs }));
    return { ok: true, socket };
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'The jump host did not connect.';
    const refused = isServerUnreachable(error);
    return { ok: false, status: refused ? 'closed' : 'no-answer', detail };
  }
}
