/**
 * A disk that fills up mid-transfer, on real file systems (a small tmpfs) and real servers:
 * the queue stops once and says why, instead of failing every file after the first (FTPS
 * reconnected for each one: ~30 s for 900 files); nothing is marked failed, and Resume after
 * making room finishes the job byte for byte. Here for downloads into a full local disk, and for
 * uploads to a server whose disk is full (OpenSSH says only "Failure": Ferry asks the server's
 * free space to tell).
 */
import { statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransferDirection } from '../../../shared/contract/transfers';
import { mountSmallDisk, type SmallDisk } from '../../../e2e/harness/small-disk';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import {
  queueOver,
  remoteRoot,
  sourceFor,
  treeManifest,
  twoFolderTree,
  writeTree,
  type ProtocolKind,
} from './testing';
import type { EnqueueItem } from './transfer-queue';

const KiB = 1024;
const MiB = 1024 * KiB;
const KINDS: ProtocolKind[] = ['sftp', 'ftps-explicit'];
// 60 files of ~8 KiB (~500 KiB) onto 192 KiB: the disk fills after a score of them.
const TREE = twoFolderTree(60, 8 * KiB);
const SMALL = 192 * KiB;

const harness = harnessForSuite(KINDS, 'ferry-disk-full-');
const disks: SmallDisk[] = [];
afterEach(() => {
  for (const disk of disks.splice(0)) disk.unmount();
});

/** Queues one folder and waits until the queue stops itself; returns why. */
async function fillingQueue(kind: ProtocolKind, item: EnqueueItem, direction: TransferDirection) {
  const source = sourceFor(harness.servers, kind);
  const { queue } = queueOver(source, { parallelTransfers: 4, retries: 2 });
  const halted = queue.whenHalted();
  await queue.enqueue({ sessionId: 's', direction, items: [item] });
  return { source, queue, because: await halted };
}

describe('a disk that fills up', () => {
  describe.each(KINDS)('%s', (kind) => {
    it('downloading into a full disk stops the queue once, and Resume finishes it', async () => {
      const name = `down-${kind}`;
      await writeTree(harness.servers.fixtures.abs(name), TREE);
      const disk = mountSmallDisk(await mkdtemp(join(harness.scratch, 'disk-')), SMALL);
      disks.push(disk);
      const from = posix.join(remoteRoot(harness.servers, kind), name);
      const { source, queue, because } = await fillingQueue(
        kind,
        { source: from, targetFolder: disk.path },
        'download',
      );
      try {
        expect(because.code).toBe('disk_full');
        expect(because.message).toMatch(/no space left on the drive/);
        expect(because.hint).toBeTruthy();
        const files = () => queue.list().filter((r) => r.kind === 'file');
        expect(queue.totals()).toMatchObject({ paused: true, pausedBecause: because });
        expect(files().filter((r) => r.state === 'failed')).toEqual([]);
        expect(files().filter((r) => r.state === 'done').length).toBeGreaterThan(0);
        expect(files().filter((r) => r.state === 'done').length).toBeLessThan(TREE.files.length);
        // One stop, not a reconnect per file that met the full disk (~40 of them).
        expect(source.opened).toBeLessThan(10);

        disk.grow(4 * MiB);
        queue.resume();
        await queue.whenIdle();
        expect(queue.totals().pausedBecause).toBeUndefined();
        expect(files().map((r) => r.state)).toEqual(TREE.files.map(() => 'done'));
        expect(await treeManifest(join(disk.path, name))).toEqual(
          await treeManifest(harness.servers.fixtures.abs(name)),
        );
      } finally {
        await queue.dispose();
      }
    });
  });

  it('a disk out of room for names stops the queue while making folders, and Resume finishes', async () => {
    // 40 folders of one file each onto a disk that holds 16 names: a folder is what meets it.
    const tree = {
      files: Array.from({ length: 40 }, (_, i) => ({ path: `f${i}/a.bin`, size: 100 })),
    };
    await writeTree(harness.servers.fixtures.abs('names'), { ...tree, emptyFolders: [] });
    const disk = mountSmallDisk(await mkdtemp(join(harness.scratch, 'names-')), 4 * MiB, {
      inodes: 16,
    });
    disks.push(disk);
    const from = posix.join(remoteRoot(harness.servers, 'sftp'), 'names');
    const { queue, because } = await fillingQueue(
      'sftp',
      { source: from, targetFolder: disk.path },
      'download',
    );
    try {
      expect(because.code).toBe('disk_full');
      expect(queue.list().filter((r) => r.state === 'failed')).toEqual([]);
      disk.grow(4 * MiB);
      queue.resume();
      await queue.whenIdle();
      expect(queue.list().filter((r) => r.state !== 'done')).toEqual([]);
      expect(await treeManifest(join(disk.path, 'names'))).toEqual(
        await treeManifest(harness.servers.fixtures.abs('names')),
      );
    } finally {
      await queue.dispose();
    }
  });

  // OpenSSH says only "Failure" (Ferry asks statvfs@openssh.com); vsftpd says 451 "Failure
  // writing to local file." (taken as a full disk on a write).
  it.each([
    ['sftp', /^The server has no room left for .*: its disk is full\.$/],
    [
      'ftps-explicit',
      /^The server could not store .* \(it said: "Failure writing to local file\."\): its disk is probably full/,
    ],
  ] as const)(
    'uploading to a server whose disk is full (%s) stops the queue, and Resume finishes it',
    async (kind, says) => {
      const local = join(harness.scratch, `up-source-${kind}`);
      await writeTree(local, TREE);
      const { uid, gid } = statSync(harness.servers.root);
      const disk = mountSmallDisk(harness.servers.fixtures.abs(`full-${kind}`), SMALL, {
        owner: { uid, gid },
      });
      disks.push(disk);
      const to = posix.join(remoteRoot(harness.servers, kind), `full-${kind}`);
      const { source, queue, because } = await fillingQueue(
        kind,
        { source: local, targetFolder: to },
        'upload',
      );
      try {
        expect(because).toMatchObject({ code: 'disk_full' });
        expect(because.message).toMatch(says);
        expect(queue.list().filter((r) => r.state === 'failed')).toEqual([]);
        expect(source.opened).toBeLessThan(10);

        disk.grow(4 * MiB);
        queue.resume();
        await queue.whenIdle();
        expect(
          queue
            .list()
            .filter((r) => r.kind === 'file')
            .map((r) => r.state),
        ).toEqual(TREE.files.map(() => 'done'));
        expect((await treeManifest(join(disk.path, `up-source-${kind}`))).files).toEqual(
          (await treeManifest(local)).files,
        );
      } finally {
        await queue.dispose();
      }
    },
  );
});
