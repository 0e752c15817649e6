/**
 * Helpers for transfer tests against the hostile servers of e2e/hostile (not a test file
 * itself): each starts a server on a given tree and opens connections to it, trusting exactly
 * that server.
 */
import { startHostileFtp } from '../../../e2e/hostile/hostile-ftp';
import { startHostileSftp } from '../../../e2e/hostile/hostile-sftp';
import type { HostileFolder } from '../../../e2e/hostile/tree';
import type { ConnectDeps } from '../remote/connect-deps';
import { connectFtp } from '../remote/ftp';
import type { RemoteFs } from '../remote/remote-fs';
import { connectSftp } from '../remote/sftp';

export interface Hostile {
  /** Every path a client asked for. */
  requests: string[];
  /** File bytes the server sent so far. */
  readonly sent: number;
  close(): Promise<void>;
  open(): Promise<RemoteFs>;
}

const log: ConnectDeps['log'] = { write: () => undefined, addSecret: () => undefined };

async function hostileSftp(tree: HostileFolder): Promise<Hostile> {
  const server = await startHostileSftp(tree);
  return {
    requests: server.requests,
    get sent() {
      return server.sent;
    },
    close: () => server.close(),
    open: () =>
      connectSftp(
        {
          protocol: 'sftp',
          host: '127.0.0.1',
          port: server.port,
          user: server.user,
          password: server.password,
        },
        {
          log,
          timeoutMs: 5000,
          trust: {
            checkHostKey: async (_h, _p, _t, fingerprint) =>
              fingerprint === server.fingerprint ? 'trusted' : 'rejected',
            checkCertificate: async () => 'rejected',
          },
        },
      ),
  };
}

async function hostileFtp(tree: HostileFolder): Promise<Hostile> {
  const server = await startHostileFtp(tree);
  return {
    requests: server.requests,
    get sent() {
      return server.sent;
    },
    close: () => server.close(),
    open: () =>
      connectFtp(
        {
          protocol: 'ftp',
          host: '127.0.0.1',
          port: server.port,
          user: server.user,
          password: server.password,
          plainFtpAcknowledged: true,
        },
        {
          log,
          timeoutMs: 5000,
          trust: {
            checkHostKey: async () => 'rejected',
            checkCertificate: async () => 'rejected',
          },
        },
      ),
  };
}

/** For `describe.each`: both hostile servers, by protocol. */
export const HOSTILE_SERVERS: [
  kind: 'sftp' | 'ftp',
  start: (tree: HostileFolder) => Promise<Hostile>,
][] = [
  ['sftp', hostileSftp],
  ['ftp', hostileFtp],
];
