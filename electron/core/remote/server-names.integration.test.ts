/**
 * Servers that list names which are not names (`../escape`, `/abs`, `a/b`): both connectors leave
 * them out of a listing's entries, name them in `skipped` with a reason so they can be reported,
 * and never ask the server about them.
 */
import { describe, expect, it } from 'vitest';
import { startHostileFtp } from '../../../e2e/hostile/hostile-ftp';
import { startHostileSftp } from '../../../e2e/hostile/hostile-sftp';
import { hostileTree } from '../../../e2e/hostile/tree';
import type { ConnectDeps, TrustDecider } from './connect-deps';
import { connectFtp } from './ftp';
import type { RemoteFs } from './remote-fs';
import { connectSftp } from './sftp';

const log: ConnectDeps['log'] = { write: () => undefined, addSecret: () => undefined };

interface Server {
  requests: string[];
  open(): Promise<RemoteFs>;
  close(): Promise<void>;
}

const SERVERS: [string, () => Promise<Server>][] = [
  [
    'sftp',
    async () => {
      const server = await startHostileSftp(hostileTree());
      const trust: TrustDecider = {
        checkHostKey: async (_h, _p, _t, fingerprint) =>
          fingerprint === server.fingerprint ? 'trusted' : 'rejected',
        checkCertificate: async () => 'rejected',
      };
      return {
        requests: server.requests,
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
            { log, timeoutMs: 5000, trust },
          ),
      };
    },
  ],
  [
    'ftp',
    async () => {
      const server = await startHostileFtp(hostileTree());
      const trust: TrustDecider = {
        checkHostKey: async () => 'rejected',
        checkCertificate: async () => 'rejected',
      };
      return {
        requests: server.requests,
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
            { log, timeoutMs: 5000, trust },
          ),
      };
    },
  ],
];

const WITH_SLASHES = [
  '../escape',
  '../../escape-two',
  '/abs',
  '/tmp/ferry-hostile-abs',
  'a/b',
  '../up-folder',
];

describe.each(SERVERS)('%s', (kind, start) => {
  it('names refused names in skipped, with a reason, and keeps them out of the entries', async () => {
    const server = await start();
    const fs = await server.open();
    try {
      const listing = await fs.list('/evil');
      expect(listing.skipped?.map((s) => s.name).sort()).toEqual([...WITH_SLASHES].sort());
      for (const refused of listing.skipped ?? []) expect(refused.reason).toMatch(/slash/);
      const names = listing.entries.map((e) => e.name);
      for (const name of WITH_SLASHES) expect(names).not.toContain(name);
      // Names that are only unsafe on a local disk are the engine's to judge: still listed.
      expect(names).toEqual(expect.arrayContaining(['safe.txt', 'sub', '..\\win', 'nul', 'loop']));
      expect(names).not.toContain('..');
      // A folder with only plain names has nothing to report.
      expect((await fs.list('/')).skipped).toBeUndefined();
      expect(server.requests.filter((path) => /escape|abs|a\/b|up-folder/.test(path))).toEqual([]);
    } finally {
      await fs.close();
      await server.close();
    }
  });

  it('asks about links only, at most once each, to know what they lead to', async () => {
    const server = await start();
    const fs = await server.open();
    try {
      const before = server.requests.length;
      const listing = await fs.list('/evil');
      const loop = listing.entries.find((e) => e.name === 'loop');
      expect(loop?.kind).toBe('symlink');
      // A link to its own folder must never pass for a file (the walk would then fetch it).
      expect(loop?.targetKind).not.toBe('file');
      const asked = server.requests.slice(before).filter((path) => path !== '/evil');
      // SFTP stats the link; FTP reads "loop -> ." off the listing and asks nothing.
      expect(asked).toEqual(kind === 'sftp' ? ['/evil/loop'] : []);
    } finally {
      await fs.close();
      await server.close();
    }
  });
});
