/**
 * A TCP relay in front of a real server that can hang up on every open connection at once,
 * as a server restart or a dropped network does, and keeps accepting new ones (to reconnect).
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface HangUpRelay {
  port: number;
  /** Ends every connection open through the relay; later connections pass again. */
  hangUp(): void;
  /** Stops accepting (new connections are refused, as by a stopped server); open ones go on. */
  refuseNew(): Promise<void>;
  close(): Promise<void>;
}

export async function startHangUpRelay(targetPort: number): Promise<HangUpRelay> {
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
    return socket;
  };
  const server = createServer((client) => {
    const upstream = track(connect({ host: '127.0.0.1', port: targetPort }));
    track(client);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let closed: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    hangUp: () => {
      for (const socket of open) socket.resetAndDestroy();
    },
    refuseNew: async () => {
      // Its callback waits for the open connections to end: the port is closed already.
      closed = new Promise<void>((resolve) => server.close(() => resolve()));
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await (closed ?? new Promise<void>((resolve) => server.close(() => resolve())));
    },
  };
}
