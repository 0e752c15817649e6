/**
 * Hostile SFTP servers against listing and deleting: a folder that never ends, a folder full of
 * links, and a request to empty "/". Ferry must stay bounded in memory and requests, and refuse.
 */
import ssh2, { type Attributes, type SFTPWrapper } from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import { LISTING_LIMITS } from './sftp-channel';
import { LINK_CONCURRENCY } from './sftp-fs';
import { startScriptedSftp, type ScriptedSftpServer } from './sftp-test-server';

const { STATUS_CODE } = ssh2.utils.sftp;
const FILE = 0o100644;
const FOLDER = 0o040755;
const LINK = 0o120777;

function attrs(mode: number): Attributes {
  return { mode, uid: 1000, gid: 1000, size: 3, atime: 1_700_000_000, mtime: 1_700_000_000 };
}

let server: ScriptedSftpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a folder the server never ends', () => {
  it('is refused with a plain error once past the limit, and its handle is closed', async () => {
    let answered = 0;
    let closed = 0;
    server = await startScriptedSftp({
      serve(sftp: SFTPWrapper) {
        sftp.on('OPENDIR', (reqid) => sftp.handle(reqid, Buffer.from('dir1')));
        // Every READDIR gets another 5,000 new names; EOF never comes.
        sftp.on('READDIR', (reqid) => {
          const first = answered * 5000;
          answered += 1;
          const names = Array.from({ length: 5000 }, (_, i) => ({
            filename: `f${first + i}`,
            longname: '',
            attrs: attrs(FILE),
          }));
          sftp.name(reqid, names);
        });
        sftp.on('CLOSE', (reqid) => {
          closed += 1;
          sftp.status(reqid, STATUS_CODE.OK);
        });
      },
    });
    const fs = await server.connect();
    try {
      const started = Date.now();
      const error = await fs.list('/endless').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FerryError);
      expect((error as FerryError).code).toBe('protocol_mismatch');
      expect((error as FerryError).message).toMatch(/kept listing \/endless past 200,000 entries/);
      expect(Date.now() - started).toBeLessThan(30_000);
      // Reading stopped right after the limit, not some time later.
      expect(answered * 5000).toBeLessThanOrEqual(LISTING_LIMITS.entries + 5000);
      await expect.poll(() => closed).toBe(1);
      // The session is still usable afterwards.
      expect(await fs.home()).toBe('/');
    } finally {
      await fs.close();
    }
  });

  it('is refused on delete too, before anything is removed', async () => {
    const removed: string[] = [];
    server = await startScriptedSftp({
      serve(sftp: SFTPWrapper) {
        sftp.on('LSTAT', (reqid) => sftp.attrs(reqid, attrs(FOLDER)));
        sftp.on('OPENDIR', (reqid) => sftp.handle(reqid, Buffer.from('dir1')));
        let n = 0;
        sftp.on('READDIR', (reqid) =>
          sftp.name(
            reqid,
            Array.from({ length: 5000 }, () => ({
              filename: `f${n++}`,
              longname: '',
              attrs: attrs(FILE),
            })),
          ),
        );
        sftp.on('CLOSE', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
        for (const op of ['REMOVE', 'RMDIR'] as const) {
          sftp.on(op, (reqid: number, path: string) => {
            removed.push(path);
            sftp.status(reqid, STATUS_CODE.OK);
          });
        }
      },
    });
    const fs = await server.connect();
    try {
      await expect(fs.deleteFolder('/endless')).rejects.toMatchObject({
        code: 'protocol_mismatch',
      });
      expect(removed).toEqual([]);
    } finally {
      await fs.close();
    }
  });
});

describe('a folder full of links', () => {
  it(`looks up at most ${LINK_CONCURRENCY} links at a time, and describes every one`, async () => {
    const LINKS = 400;
    let inFlight = 0;
    let most = 0;
    server = await startScriptedSftp({
      serve(sftp: SFTPWrapper) {
        let listed = false;
        sftp.on('OPENDIR', (reqid) => sftp.handle(reqid, Buffer.from('dir1')));
        sftp.on('READDIR', (reqid) => {
          if (listed) return sftp.status(reqid, STATUS_CODE.EOF);
          listed = true;
          sftp.name(
            reqid,
            Array.from({ length: LINKS }, (_, i) => ({
              filename: `link${i}`,
              longname: '',
              attrs: attrs(LINK),
            })),
          );
        });
        sftp.on('CLOSE', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
        // Slow answers, so requests pile up if the client sends them all at once.
        sftp.on('STAT', (reqid) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          setTimeout(() => {
            inFlight -= 1;
            sftp.attrs(reqid, attrs(FILE));
          }, 5);
        });
        sftp.on('READLINK', (reqid) =>
          sftp.name(reqid, [{ filename: 'target.txt', longname: '', attrs: {} as Attributes }]),
        );
      },
    });
    const fs = await server.connect();
    try {
      const listing = await fs.list('/links');
      expect(listing.entries).toHaveLength(LINKS);
      for (const entry of listing.entries) {
        expect(entry).toMatchObject({ kind: 'symlink', target: 'target.txt', targetKind: 'file' });
      }
      expect(most).toBeLessThanOrEqual(LINK_CONCURRENCY);
      expect(most).toBeGreaterThan(1);
    } finally {
      await fs.close();
    }
  });
});

describe('deleting the top folder', () => {
  it.each(['/', '//', '/./', '/tmp/..'])('refuses %s without asking the server', async (path) => {
    const asked: string[] = [];
    server = await startScriptedSftp({
      serve(sftp: SFTPWrapper) {
        for (const op of ['LSTAT', 'STAT', 'OPENDIR', 'REMOVE', 'RMDIR'] as const) {
          sftp.on(op, (reqid: number, p: string) => {
            asked.push(`${op} ${p}`);
            sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED);
          });
        }
      },
    });
    const fs = await server.connect();
    try {
      const error = await fs.deleteFolder(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FerryError);
      expect((error as FerryError).code).toBe('invalid_input');
      expect((error as FerryError).message).toBe(
        'Ferry will not delete the top folder of the server ("/").',
      );
      expect(asked).toEqual([]);
    } finally {
      await fs.close();
    }
  });
});
