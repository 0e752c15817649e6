/**
 * A small SSH server (ssh2's Server) for tests that need a server to misbehave in one way: the
 * test answers the SFTP requests itself. Real protocol, real sockets; only the answers are scripted.
 */
import type { Attributes, ServerConfig, SFTPWrapper } from 'ssh2';
import { startSshTestServer } from '../../../e2e/hostile/ssh-test-server';
import type { ConnectionParams } from '../../../shared/types';
import type { ConnectDeps } from './connect-deps';
import { connectSftp } from './sftp';
import type { RemoteFs } from './remote-fs';

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
  const server = await startSshTestServer({
    user,
    password,
    ...(options.hostKeyType ? { hostKeyType: options.hostKeyType } : {}),
    ...(options.algorithms ? { algorithms: options.algorithms } : {}),
    serve: (sftp) => {
      sftp.on('REALPATH', (reqid) =>
        sftp.name(reqid, [{ filename: '/', longname: '/', attrs: {} as Attributes }]),
      );
      options.serve?.(sftp);
    },
  });
  const { port, fingerprint } = server;
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
  return { port, params, deps, connect: () => connectSftp(params, deps), close: server.close };
}
