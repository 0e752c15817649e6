/**
 * A TCP proxy in front of a real server that misbehaves on purpose: it cuts a connection after
 * N bytes (the "cut cable"), a given number of times, and can slow the stream down so a test
 * can act in the middle of a transfer.
 *
 * SFTP runs over one TCP connection, so cutting it cuts the transfer. FTP moves files over
 * separate data connections: in `ftp` mode the proxy rewrites the server's PASV/EPSV replies
 * (plain FTP only: it must read the control channel) so data connections pass through it too,
 * and only those are counted and cut.
 */
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

export interface CuttingProxyOptions {
  targetPort: number;
  /** Which bytes count towards the cut: server→client ('download') or client→server ('upload'). */
  direction: 'download' | 'upload';
  /** Cut a (data) connection once this many bytes went its way. */
  cutAfterBytes: number;
  /** How many connections to cut; later ones pass untouched. Infinity: every one. */
  times: number;
  /** Proxy an FTP server: follow PASV/EPSV and cut data connections only. */
  ftp?: boolean;
  /** Slow the counted direction to about this many bytes per second. */
  bytesPerSecond?: number;
}

export interface CuttingProxy {
  port: number;
  /** Connections cut so far. */
  readonly cuts: number;
  /** Bytes forwarded in the counted direction, over all (data) connections. */
  readonly forwarded: number;
  /** The same, per counted connection, in the order they were opened. */
  readonly perConnection: readonly number[];
  close(): Promise<void>;
}

export async function startCuttingProxy(options: CuttingProxyOptions): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  const servers = new Set<Server>();
  const state = { cuts: 0, forwarded: 0 };
  const perConnection: number[] = [];

  const track = (socket: Socket): Socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    return socket;
  };

  /** Pipes a pair of sockets, counting (and maybe cutting or slowing) one direction. */
  const relay = (client: Socket, server: Socket, counted: boolean): void => {
    let seen = 0;
    let cutThis = counted && state.cuts < options.times;
    const index = counted ? perConnection.push(0) - 1 : -1;
    const count = (bytes: number): void => {
      seen += bytes;
      state.forwarded += bytes;
      if (index >= 0) perConnection[index] = seen;
    };
    const forward = (from: Socket, to: Socket, isCounted: boolean) => {
      from.on('data', (chunk: Buffer) => {
        if (!isCounted) {
          to.write(chunk);
          return;
        }
        let data = chunk;
        if (cutThis && seen + data.length > options.cutAfterBytes) {
          data = data.subarray(0, Math.max(0, options.cutAfterBytes - seen));
          if (data.length > 0) to.write(data);
          count(data.length);
          cutThis = false;
          state.cuts++;
          // Like a cable pulled out: both sides see the connection die, mid-stream.
          client.resetAndDestroy();
          server.resetAndDestroy();
          return;
        }
        count(data.length);
        to.write(data);
        if (options.bytesPerSecond) {
          from.pause();
          setTimeout(() => from.resume(), (data.length / options.bytesPerSecond) * 1000);
        }
      });
      // A graceful end is passed on gracefully: destroying here would drop bytes not yet flushed.
      from.on('end', () => to.end());
      from.on('close', (hadError: boolean) => {
        if (hadError) to.destroy();
      });
    };
    const downloadCounted = counted && options.direction === 'download';
    const uploadCounted = counted && options.direction === 'upload';
    forward(server, client, downloadCounted);
    forward(client, server, uploadCounted);
  };

  const listen = async (onConnection: (socket: Socket) => void): Promise<number> => {
    const server = createServer((socket) => onConnection(track(socket)));
    servers.add(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };

  /** A one-off listener in front of a server's passive data port. */
  const dataPort = (realPort: number): Promise<number> =>
    listen((client) => {
      const server = track(connect({ host: '127.0.0.1', port: realPort }));
      relay(client, server, true);
    });

  const ftpControl = (client: Socket): void => {
    const server = track(connect({ host: '127.0.0.1', port: options.targetPort }));
    client.pipe(server);
    let pending = '';
    let chain = Promise.resolve();
    server.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      const lines = pending.split('\r\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        chain = chain.then(async () => {
          client.write(`${await rewritePassive(line, dataPort)}\r\n`, 'latin1');
        });
      }
    });
    server.on('end', () => void chain.then(() => client.end()));
    client.on('close', () => server.destroy());
    server.on('close', (hadError: boolean) => {
      if (hadError) void chain.then(() => client.destroy());
    });
  };

  const port = await listen((client) => {
    if (options.ftp) return ftpControl(client);
    const server = track(connect({ host: '127.0.0.1', port: options.targetPort }));
    relay(client, server, true);
  });

  return {
    port,
    get cuts() {
      return state.cuts;
    },
    get forwarded() {
      return state.forwarded;
    },
    perConnection,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        [...servers].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
    },
  };
}

/** Points a PASV (227) or EPSV (229) reply at a proxy port in front of the real one. */
async function rewritePassive(
  line: string,
  dataPort: (realPort: number) => Promise<number>,
): Promise<string> {
  const epsv = /^229 (.*)\(\|\|\|(\d+)\|\)(.*)$/.exec(line);
  if (epsv) {
    const port = await dataPort(Number(epsv[2]));
    return `229 ${epsv[1] ?? ''}(|||${port}|)${epsv[3] ?? ''}`;
  }
  const pasv = /^227 (.*)\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)(.*)$/.exec(line);
  if (pasv) {
    const port = await dataPort(Number(pasv[6]) * 256 + Number(pasv[7]));
    return `227 ${pasv[1] ?? ''}(127,0,0,1,${Math.floor(port / 256)},${port % 256})${pasv[8] ?? ''}`;
  }
  return line;
}
