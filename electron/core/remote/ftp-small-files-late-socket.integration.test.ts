/**
 * A small-file transfer that ends on a lost control connection while its data connection is
 * still opening leaves no data connection behind: the one that opens afterwards is closed.
 * A scripted server (plain FTP) answers the pipelined EPSV and hangs up at once.
 */
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrustDecider } from './connect-deps';
import { connectFtp } from './ftp';

const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

async function listen(onSocket: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.add(socket.on('error', () => undefined));
    onSocket(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const noTrustAsked: TrustDecider = {
  checkHostKey: () => Promise.reject(new Error('not asked for plain FTP')),
  checkCertificate: () => Promise.reject(new Error('not asked for plain FTP')),
};

describe('a data connection opening after its transfer ended', () => {
  it('is closed, not left open on the closed connection', async () => {
    const file = Buffer.from('hello');
    /** Data connections the server accepted, and whether the client has closed each. */
    const accepted: { socket: Socket; closed: Promise<void> }[] = [];
    const dataPort = await listen((socket) => {
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      accepted.push({ socket, closed });
    });
    let epsvCount = 0;
    const controlPort = await listen((control) => {
      const reply = (line: string): boolean => control.write(`${line}\r\n`);
      reply('220 scripted');
      let buffered = '';
      control.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('latin1');
        let end: number;
        while ((end = buffered.indexOf('\r\n')) >= 0) {
          const line = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const verb = line.split(' ')[0]?.toUpperCase();
          if (verb === 'USER') reply('331 password');
          else if (verb === 'PASS') reply('230 in');
          else if (verb === 'FEAT') reply('211 no features');
          else if (verb === 'PWD') reply('257 "/"');
          else if (verb === 'EPSV') {
            epsvCount += 1;
            reply(`229 Entering Extended Passive Mode (|||${dataPort}|)`);
            // The second EPSV goes out with its RETR (passive mode settled): hang up at once.
            if (epsvCount === 2) control.destroy();
          } else if (verb === 'RETR') {
            reply('150 here it comes');
            const data = accepted.at(-1)?.socket;
            data?.end(file, () => reply('226 done'));
          } else if (verb === 'QUIT') {
            reply('221 bye');
            control.end();
          } else reply('200 ok');
        }
      });
    });
    const fs = await connectFtp(
      {
        protocol: 'ftp',
        host: '127.0.0.1',
        port: controlPort,
        user: 'u',
        password: 'p',
        plainFtpAcknowledged: true,
      },
      {
        trust: noTrustAsked,
        log: { write: () => undefined, addSecret: () => undefined },
        timeoutMs: 5000,
      },
    );
    try {
      expect((await fs.readSmall?.('/f', 10))?.toString()).toBe('hello');
      // Lost mid-transfer: the session may reconnect and retry; either way the call ends.
      await fs.readSmall?.('/f', 10).catch(() => undefined);
      const orphan = accepted[1];
      expect(orphan).toBeDefined();
      const outcome = await Promise.race([
        orphan?.closed.then(() => 'closed'),
        new Promise((resolve) => setTimeout(() => resolve('still open'), 3000)),
      ]);
      expect(outcome).toBe('closed');
    } finally {
      await fs.close().catch(() => undefined);
    }
  });
});
