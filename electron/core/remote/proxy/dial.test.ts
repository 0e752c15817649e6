/**
 * dialThroughProxy against small hostile "proxies" on 127.0.0.1 (real sockets): a reply that
 * stops short, garbage, a reply dripped byte by byte with the server's first words glued on, a
 * proxy that never answers. The handshake ends in words, never hangs past its time, and the
 * server's first bytes reach whoever reads the socket next.
 */
import { type AddressInfo, createServer, type Server, Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { ProxySettings } from '../../../../shared/proxy';
import { dialThroughProxy } from './dial';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A proxy that runs `script` on each connection; resolves to its port. */
async function hostile(script: (socket: Socket) => void): Promise<ProxySettings> {
  const sockets = new Set<Socket>();
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    script(socket);
  });
  const closeAll = server.close.bind(server);
  server.close = ((done?: () => void) => {
    for (const socket of sockets) socket.destroy();
    return closeAll(done);
  }) as Server['close'];
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { kind: 'socks5', host: '127.0.0.1', port: (server!.address() as AddressInfo).port };
}

const target = { host: 'files.example', port: 22 };
const dial = (proxy: ProxySettings) =>
  dialThroughProxy(proxy, target, { timeoutMs: 3000 }).then(
    (socket) => socket,
    (error: unknown) => error,
  );

it('a reply that stops short and hangs up is a proxy that would not connect', async () => {
  const proxy = await hostile((socket) => {
    socket.once('data', () => socket.write(Buffer.from([5, 0])));
    socket.on('data', (chunk) => {
      if (chunk[0] === 5 && chunk[1] === 1) socket.end(Buffer.from([5, 0, 0])); // cut mid-reply
    });
  });
  expect(await dial(proxy)).toMatchObject({
    code: 'connection_refused',
    message: expect.stringContaining('could not connect to files.example:22'),
  });
});

it('garbage is another protocol, said at once', async () => {
  const proxy = await hostile((socket) =>
    socket.once('data', () => socket.write('\x00\xffgarbage')),
  );
  const started = Date.now();
  expect(await dial(proxy)).toMatchObject({ code: 'protocol_mismatch' });
  expect(Date.now() - started).toBeLessThan(1000);
});

it('a reply dripped byte by byte works, and the server’s first words are not lost', async () => {
  const drip = async (socket: Socket, bytes: Buffer) => {
    for (const byte of bytes) {
      socket.write(Buffer.from([byte]));
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  const proxy = await hostile((socket) => {
    let step = 0;
    socket.on('data', () => {
      step += 1;
      if (step === 1) void drip(socket, Buffer.from([5, 0]));
      // A named bound address, then the server's banner in the same writes.
      if (step === 2) {
        void drip(
          socket,
          Buffer.concat([
            Buffer.from([5, 0, 0, 3, 3, 0x61, 0x62, 0x63, 0, 22]),
            Buffer.from('SSH-2.0-x\r\n'),
          ]),
        );
      }
    });
  });
  const s = await dial(proxy);
  if (!(s instanceof Socket)) throw s;
  let heard = '';
  await new Promise<void>((resolve) => {
    s.on('data', (chunk: Buffer) => {
      heard += chunk.toString('latin1');
      if (heard.endsWith('\r\n')) resolve();
    });
  });
  expect(heard).toBe('SSH-2.0-x\r\n');
  s.destroy();
});

it('a proxy that never answers gives up in time, in words', async () => {
  const proxy = await hostile(() => undefined);
  const started = Date.now();
  const failure = await dialThroughProxy(proxy, target, { timeoutMs: 400 }).catch(
    (e: unknown) => e,
  );
  expect(failure).toMatchObject({
    code: 'timeout',
    message: expect.stringContaining('did not answer in time'),
  });
  expect(Date.now() - started).toBeLessThan(2000);
});
