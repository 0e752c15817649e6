/**
 * A TCP relay in front of a real server that can hold back, for a while, what the server sends
 * on one of the connections made through it: a server slow to answer one session while its
 * other connections (e.g. the transfer connections) run at full speed.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface DelayRelay {
  port: number;
  /** For the next `ms`, what the server sends on the connections open now arrives only then. */
  holdReplies(ms: number): void;
  close(): Promise<void>;
}

export async function startDelayRelay(targetPort: number): Promise<DelayRelay> {
  const open = new Set<Socket>();
  const holds = new Map<Socket, (ms: number) => void>();
  const server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream);
    let heldUntil = 0;
    let held: Buffer[] = [];
    upstream.on('data', (chunk: Buffer) => {
      if (Date.now() >= heldUntil) return void client.write(chunk);
      if (held.length === 0) {
        setTimeout(() => {
          for (const part of held) client.write(part);
          held = [];
        }, heldUntil - Date.now());
      }
      held.push(chunk);
    });
    upstream.on('end', () => setTimeout(() => client.end(), Math.max(0, heldUntil - Date.now())));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => setTimeout(() => client.destroy(), heldUntil - Date.now() + 10));
    holds.set(client, (ms) => (heldUntil = Date.now() + ms));
    client.on('close', () => holds.delete(client));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    holdReplies: (ms) => {
      for (const hold of holds.values()) hold(ms);
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
