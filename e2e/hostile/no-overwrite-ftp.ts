/**
 * A relay in front of a real plain-FTP server that answers renames the way servers that never
 * rename onto an existing name do (IIS: "550 Cannot create a file when that file already
 * exists."). Everything else passes through; data connections go straight to the server (its
 * EPSV replies name only a port, and the client uses the control connection's address).
 * It can also refuse DELE, like a server where the user may not delete.
 */
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

export interface NoOverwriteOptions {
  targetPort: number;
  /** Whether the server has something at this FTP path (the test looks at the disk). */
  exists(ftpPath: string): boolean;
  /** Refuse every DELE as well (550). */
  refuseDelete?: boolean;
}

export interface NoOverwriteRelay {
  port: number;
  /** Every command line the client sent, in order (PASS lines included: test passwords only). */
  readonly commands: readonly string[];
  close(): Promise<void>;
}

export async function startNoOverwriteRelay(
  options: NoOverwriteOptions,
): Promise<NoOverwriteRelay> {
  const sockets = new Set<Socket>();
  const commands: string[] = [];
  const server: Server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: options.targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.pipe(client);
    let pending = '';
    client.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        commands.push(line);
        const reply = refusal(line, options);
        if (reply === undefined) upstream.write(`${line}\r\n`, 'latin1');
        else client.write(`${reply}\r\n`);
      }
    });
    client.on('end', () => upstream.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get commands() {
      return commands;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function refusal(line: string, options: NoOverwriteOptions): string | undefined {
  const [verb = '', ...rest] = line.split(' ');
  const argument = rest.join(' ');
  if (verb.toUpperCase() === 'RNTO' && options.exists(argument)) {
    return '550 Cannot create a file when that file already exists.';
  }
  if (verb.toUpperCase() === 'DELE' && options.refuseDelete === true) {
    return '550 Access is denied.';
  }
  return undefined;
}
