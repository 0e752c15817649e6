/**
 * The scaffolding every scripted SSH server in the tests shares: a fresh host key (and its
 * OpenSSH fingerprint, for a test to trust explicitly), one password login, and an SFTP
 * subsystem whose requests the caller answers. Real protocol, real sockets on 127.0.0.1.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import type { Connection, ServerConfig, SFTPWrapper } from 'ssh2';
import { generateSshKeyPair } from '../harness/ssh-keys';

const { Server, utils } = ssh2;

export interface SshTestServerOptions {
  user: string;
  password: string;
  /** Answers the SFTP requests of each session. */
  serve: (sftp: SFTPWrapper) => void;
  hostKeyType?: 'ed25519' | 'rsa';
  /** Restricts what the server offers (to play an outdated server). */
  algorithms?: ServerConfig['algorithms'];
}

export interface SshTestServer {
  port: number;
  /** The host key's OpenSSH fingerprint (`SHA256:…`). */
  fingerprint: string;
  close(): Promise<void>;
}

export async function startSshTestServer(options: SshTestServerOptions): Promise<SshTestServer> {
  const keys = generateSshKeyPair(options.hostKeyType);
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
      if (
        ctx.method === 'password' &&
        ctx.username === options.user &&
        ctx.password === options.password
      ) {
        ctx.accept();
      } else {
        ctx.reject(['password']);
      }
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        acceptSession().on('sftp', (acceptSftp) => options.serve(acceptSftp()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    fingerprint,
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of connections) connection.end();
        server.close(() => resolve());
      }),
  };
}
