/**
 * Turns a stream to the server (an SSH channel through the jump host) into a real TCP socket,
 * the kind every connector already speaks over (ssh2, basic-ftp — which reads the socket's
 * addresses, timeouts and byte counts — and TLS): a one-time listener on 127.0.0.1 accepts the
 * one connection we make to it, checked by its port, and relays it to the stream.
 */
import { type AddressInfo, Socket, createServer } from 'node:net';
import type { Duplex } from 'node:stream';

/** Resolves with a connected socket whose bytes are the stream's (paused until read). */
export async function socketOver(stream: Duplex): Promise<Socket> {
  // The channel may fail or close while the relay is set up: an error then must not go
  // unhandled (it would end the app), and the socket must not wait for a stream that is gone.
  let failure: Error | undefined;
  const broken = new Promise<never>((_, reject) => {
    const gone = (error?: unknown): void => {
      failure ??=
        error instanceof Error ? error : new Error('The tunnel closed before it was used.');
      reject(failure);
    };
    stream.once('error', gone).once('close', gone);
  });
  broken.catch(() => undefined);
  // allowHalfOpen: an upload's end (FTP: the data connection's EOF) must not end the replies.
  const server = createServer({ allowHalfOpen: true });
  const arrived: Socket[] = [];
  server.on('connection', (peer) => arrived.push(peer));
  const client = new Socket();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, resolve);
    });
    const { port } = server.address() as AddressInfo;
    client.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      client.once('error', reject);
      client.connect({ host: '127.0.0.1', port }, () => {
        client.off('error', reject);
        resolve();
      });
    });
    // Until its new owner listens: an error in between must not go unhandled.
    client.on('error', () => undefined);
    const accepted = ourConnection(server, arrived, client.localPort);
    // Lost to a broken stream: the connection accepted later (or the wait's timeout) goes too.
    accepted.catch(() => undefined);
    const peer = await Promise.race([accepted, broken]).catch((error: unknown) => {
      void accepted.then(
        (late) => late.destroy(),
        () => undefined,
      );
      throw error;
    });
    if (stream.destroyed) {
      peer.destroy();
      throw failure ?? new Error('The tunnel closed before it was used.');
    }
    relay(peer, stream);
    return client;
  } catch (error) {
    client.destroy();
    stream.destroy();
    throw error;
  } finally {
    // Whatever else connected, or still would, is turned away.
    server.removeAllListeners('connection');
    server.on('connection', (peer: Socket) => peer.destroy());
    for (const peer of arrived) peer.destroy();
    server.close();
  }
}

/**
 * The accepted connection whose far end is our client (the kernel guarantees the port pair):
 * anything else that connected to the listener meanwhile is turned away.
 */
function ourConnection(
  server: ReturnType<typeof createServer>,
  arrived: Socket[],
  localPort: number | undefined,
): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const timer = setTimeout(() => {
      server.off('connection', onConnection);
      reject(new Error('The local relay did not connect.'));
    }, 5000);
    timer.unref();
    const pick = (): boolean => {
      while (arrived.length > 0) {
        const peer = arrived.shift()!;
        if (peer.remoteAddress === '127.0.0.1' && peer.remotePort === localPort) {
          clearTimeout(timer);
          server.off('connection', onConnection);
          resolve(peer);
          return true;
        }
        peer.destroy();
      }
      return false;
    };
    const onConnection = (): void => {
      pick();
    };
    if (!pick()) server.on('connection', onConnection);
  });
}

function relay(peer: Socket, stream: Duplex): void {
  peer.setNoDelay(true);
  peer.pipe(stream);
  stream.pipe(peer);
  peer.on('error', () => stream.destroy());
  peer.on('close', () => stream.destroy());
  stream.on('error', () => peer.destroy());
  // The server's end of the tunnel closed: what it sent is flushed, then our side ends too.
  stream.on('close', () => {
    if (!peer.writableEnded) peer.end();
  });
}
