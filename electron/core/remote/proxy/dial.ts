/**
 * Opens a TCP connection to a server through a proxy: to the proxy, then its handshake.
 * Resolves with the socket once the proxy has connected it to the server (paused, so nothing
 * the server said is lost); whoever gets it speaks to the server as on a direct connection
 * (SSH, FTP, or TLS started over it, with the same certificate checks).
 */
import { Socket } from 'node:net';
import { FerryError } from '../../../../shared/errors';
import type { ProxySettings } from '../../../../shared/proxy';
import { httpConnectHandshake } from './http-connect';
import { type ProxyTarget, proxyUnreachable } from './proxy-errors';
import { socks5Handshake } from './socks5';

export interface DialOptions {
  /** Gives up (destroying the socket) after this long; the error says the proxy did not answer. */
  timeoutMs?: number;
  /** Gives up when aborted, with the signal's reason as the error. */
  signal?: AbortSignal;
}

export async function dialThroughProxy(
  proxy: ProxySettings,
  target: ProxyTarget,
  options: DialOptions = {},
): Promise<Socket> {
  const socket = new Socket();
  // Handshakes are a few small writes each answered: Nagle would hold every one up.
  socket.setNoDelay(true);
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<never>((_, reject) => {
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(
        () => reject(proxyUnreachable(proxy, { code: 'timeout' })),
        options.timeoutMs,
      );
    }
    const signal = options.signal;
    if (signal) {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    }
  });
  stopped.catch(() => undefined);
  try {
    await Promise.race([connectTo(socket, proxy), stopped]);
    const handshake =
      proxy.kind === 'socks5'
        ? socks5Handshake(socket, proxy, target)
        : httpConnectHandshake(socket, proxy, target);
    handshake.catch(() => undefined);
    await Promise.race([handshake, stopped]);
    socket.pause();
    flowWhenRead(socket);
    // Until its new owner listens: an error in between must not go unhandled (the owner still
    // hears it, and the close that follows).
    socket.on('error', () => undefined);
    return socket;
  } catch (error) {
    socket.destroy();
    if (error instanceof FerryError || options.signal?.aborted) throw error;
    throw proxyUnreachable(proxy, error);
  } finally {
    clearTimeout(timer);
  }
}

function connectTo(socket: Socket, proxy: ProxySettings): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(proxyUnreachable(proxy, error));
    socket.once('error', onError);
    socket.connect({ host: proxy.host, port: proxy.port }, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

/**
 * The socket stays paused (the server's first bytes may already be in its buffer) until its new
 * owner starts reading, as a fresh socket would: a `data` listener (FTP's, ssh2's) or a pipe.
 */
function flowWhenRead(socket: Socket): void {
  const onListener = (event: string | symbol): void => {
    if (event !== 'data' && event !== 'readable') return;
    socket.off('newListener', onListener);
    // After the listener is added (newListener comes just before), so nothing is lost.
    process.nextTick(() => {
      if (event === 'data' && !socket.destroyed) socket.resume();
    });
  };
  socket.on('newListener', onListener);
}
