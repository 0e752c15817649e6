/**
 * A small SSH server (ssh2's Server) for tests that need a server to misbehave in one way: the
 * test answers the SFTP requests itself. Real protocol, real sockets; only the answers are scripted.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import type { Connection, ServerConfig, SFTPWrapper } from 'ssh2';
import type { ConnectionParams } from '../../../shared/types';
import type { ConnectDeps } from './connect-deps';
import { connectSftp } from './sftp';
import type { RemoteFs } from './remote-fs';

const { Server, utils } = ssh2;

export interface ScriptedSftpServer {
  port: number;
  params: ConnectionParams;
  /** Trusts exactly this server's host key. */
  deps: ConnectDeps;
  connect(): Promise<RemoteFs>;
  close(): Promise<void>;
}

export interface ScriptedServerOptions {
  /** Answers the SFTP requests of each session. */
  serve?: (sftp: SFTPWrapper) => void;
  hostKeyType?: 'ed25519' | 'rsa';
  /** Restricts what the server offers (to play an outdated server). */
  algorithms?: ServerConfig['algorithms'];
}

export async function startScriptedSftp(
  options: ScriptedServerOptions = {},
): Promise<ScriptedSftpServer> {
  const user = 'scripted';
  const password = 'scripted-password';
  const keys =
    options.hostKeyType === 'rsa'
      ? utils.generateKeyPairSync('rsa', { bits: 2048 })
      : utils.generateKeyPairSync('ed25519');
  const parsed = utils.parseKey(keys.public);
  if (parsed instanceof Error) throw parsed;
  const digest = createHash('sha256').update(parsed.getPublicSSH()).digest('base64');
  const fingerprint = `SHA256:${digest.replace(/=+$/, '')}`;
  const connections = new Set<Connection>();
  const config: ServerConfig = { hostKeys: [keys.private] };
  if (options.algorithms) config.algorithms = options.algorithms;

  const server = new Server(config, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && ctx.username === user && ctx.password === password) {
        ctx.accept();
      } else {
        ctx.reject(['password']);
      }
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        acceptSession().on('sftp', (acceptSftp) => {
          const sftp = acceptSftp();
          sftp.on('REALPATH', (reqid) =>
            sftp.name(reqid, [{ filename: '/', longname: '/', attrs: {} as ssh2.Attributes }]),
          );
          options.serve?.(sftp);
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const params: ConnectionParams = { protocol: 'sftp', host: '127.0.0.1', port, user, password };
  const deps: ConnectDeps = {
    log: { write: () => undefined, addSecret: () => undefined },
    timeoutMs: 10_000,
    trust: {
      checkHostKey: (_host, _port, _type, seen) =>
        Promise.resolve(seen === fingerprint ? 'trusted' : 'rejected'),
      checkCertificate: () => Promise.resolve('rejected'),
    },
  };
  return {
    port,
    params,
    deps,
    connect: () => connectSftp(params, deps),
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of connections) connection.end();
        server.close(() => resolve());
      }),
  };
}
