/**
 * A stand-in FTP server that records every command it receives and refuses every login, so a
 * test can prove which password (if any) reached a server. Plain text on 127.0.0.1 only.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface RecordingFtpServer {
  port: number;
  /** Every command line received, in order ("USER alice", "PASS secret", …). */
  commands: string[];
  /** How many TCP connections arrived. */
  connections(): number;
  close(): Promise<void>;
}

export async function startRecordingFtp(): Promise<RecordingFtpServer> {
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setEncoding('utf8');
    const reply = (text: string) => socket.write(`${text}\r\n`);
    let buffered = '';
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf('\r\n')) !== -1) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        commands.push(line);
        const verb = line.split(' ', 1)[0]?.toUpperCase();
        if (verb === 'USER') reply('331 Password please.');
        else if (verb === 'PASS') reply('530 Login incorrect.');
        else if (verb === 'QUIT') {
          reply('221 Bye.');
          socket.end();
        } else reply('502 Not implemented.');
      }
    });
    reply('220 Recording FTP server ready.');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    commands,
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
