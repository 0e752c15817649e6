/**
 * A tiny plain-FTP server (control + passive data) serving a hostile tree: its LIST answers carry
 * whatever names the tree holds. Read-only; it records every path a client asked for, so a test
 * can prove hostile names were never requested.
 */
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { posix } from 'node:path';
import { bytesAt, lookup, longName, type HostileFile, type HostileFolder } from './tree';

export interface HostileFtpServer {
  port: number;
  user: string;
  password: string;
  /** Every path CWD / LIST / RETR / SIZE was asked for. */
  requests: string[];
  /** File bytes sent so far (RETR), over all connections. */
  readonly sent: number;
  close(): Promise<void>;
}

const REFUSED = new Set(['STOR', 'APPE', 'DELE', 'MKD', 'RMD', 'RNFR', 'RNTO', 'MFMT']);

export async function startHostileFtp(tree: HostileFolder): Promise<HostileFtpServer> {
  const user = 'hostile';
  const password = 'hostile-password';
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const servers = new Set<Server>();
  const counter = { sent: 0 };

  const control = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const session = {
      cwd: '/',
      loggedIn: false,
      user: '',
      data: undefined as Promise<Socket> | undefined,
    };
    const reply = (text: string) => socket.write(`${text}\r\n`, 'utf8');

    /** Opens a passive listener; resolves with the data socket once the client connects. */
    const passive = async (): Promise<number> => {
      const server = createServer();
      servers.add(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      session.data = new Promise<Socket>((resolve) =>
        server.once('connection', (data) => {
          sockets.add(data);
          data.on('close', () => sockets.delete(data));
          data.on('error', () => undefined);
          server.close();
          servers.delete(server);
          resolve(data);
        }),
      );
      return (server.address() as AddressInfo).port;
    };

    const send = async (payload: Buffer | string, opening: string): Promise<void> => {
      const pending = session.data;
      session.data = undefined;
      if (!pending) return void reply('425 Use PASV or EPSV first.');
      reply(`150 ${opening}`);
      const data = await pending;
      await new Promise<void>((resolve) => data.end(payload, resolve));
      reply('226 Transfer complete.');
    };

    /** Sends a file piece by piece, as fast as the client takes it, until it ends or the
     * client hangs up (an "endless" file only ends at its cap). */
    const sendFile = async (file: HostileFile): Promise<void> => {
      const pending = session.data;
      session.data = undefined;
      if (!pending) return void reply('425 Use PASV or EPSV first.');
      reply('150 Sending the file.');
      const data = await pending;
      const piece = 64 * 1024;
      for (let offset = 0; !data.destroyed; offset += piece) {
        const chunk = bytesAt(file, offset, piece);
        if (chunk.length === 0) break;
        counter.sent += chunk.length;
        if (!data.write(chunk)) {
          await new Promise<void>((resolve) => {
            const go = (): void => {
              data.off('drain', go);
              data.off('close', go);
              resolve();
            };
            data.on('drain', go);
            data.on('close', go);
          });
        }
      }
      if (data.destroyed) return void reply('426 Connection closed; transfer aborted.');
      await new Promise<void>((resolve) => data.end(resolve));
      reply('226 Transfer complete.');
    };

    const handle = async (line: string): Promise<void> => {
      const space = line.indexOf(' ');
      const verb = (space === -1 ? line : line.slice(0, space)).toUpperCase();
      const arg = space === -1 ? '' : line.slice(space + 1);
      const at = (path: string) => posix.resolve(session.cwd, path || '.');
      if (verb === 'USER') return void ((session.user = arg), reply('331 Password please.'));
      if (verb === 'PASS') {
        session.loggedIn = session.user === user && arg === password;
        return void reply(session.loggedIn ? '230 Logged in.' : '530 Login incorrect.');
      }
      if (verb === 'QUIT') return void (reply('221 Bye.'), socket.end());
      if (verb === 'FEAT')
        return void reply('211-Features:\r\n UTF8\r\n EPSV\r\n PASV\r\n SIZE\r\n211 End');
      if (['OPTS', 'TYPE', 'STRU', 'MODE', 'NOOP'].includes(verb)) return void reply('200 OK.');
      if (!session.loggedIn) return void reply('530 Log in first.');
      if (verb === 'SYST') return void reply('215 UNIX Type: L8');
      if (verb === 'PWD') return void reply(`257 "${session.cwd}" is the current directory`);
      if (verb === 'CWD' || verb === 'CDUP') {
        const path = at(verb === 'CDUP' ? '..' : arg);
        requests.push(path);
        if (lookup(tree, path)?.kind !== 'folder') return void reply('550 No such folder.');
        session.cwd = path;
        return void reply('250 OK.');
      }
      if (verb === 'EPSV')
        return void reply(`229 Entering Extended Passive Mode (|||${await passive()}|)`);
      if (verb === 'PASV') {
        const port = await passive();
        return void reply(`227 Entering Passive Mode (127,0,0,1,${port >> 8},${port & 255})`);
      }
      if (verb === 'LIST' || verb === 'NLST') {
        const path = at(arg.startsWith('-') ? '' : arg);
        requests.push(path);
        const folder = lookup(tree, path);
        if (folder?.kind !== 'folder') return void reply('550 No such folder.');
        const lines = folder.entries.map((e) => (verb === 'LIST' ? longName(e) : e.name));
        return send(lines.map((l) => `${l}\r\n`).join(''), 'Here comes the listing.');
      }
      if (verb === 'RETR' || verb === 'SIZE') {
        const path = at(arg);
        requests.push(path);
        const file = lookup(tree, path);
        if (file?.kind !== 'file') return void reply('550 No such file.');
        if (verb === 'SIZE') return void reply(`213 ${file.data.length}`);
        return sendFile(file);
      }
      if (verb === 'REST') return void reply('350 Restarting.');
      // As vsftpd with chmod_enable=NO and other servers without SITE CHMOD answer.
      if (verb === 'SITE') return void reply('500 Unknown SITE command.');
      if (REFUSED.has(verb)) return void reply('550 Permission denied.');
      reply('502 Not implemented.');
    };

    let buffer = '';
    let chain = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\r\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) chain = chain.then(() => handle(line)).catch(() => undefined);
    });
    reply('220 Hostile FTP ready.');
  });
  servers.add(control);
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  return {
    port: (control.address() as AddressInfo).port,
    user,
    password,
    requests,
    get sent() {
      return counter.sent;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        [...servers].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
    },
  };
}
