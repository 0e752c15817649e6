/**
 * Speed limits against the real servers, both directions, over SFTP and FTPS: with 512 KiB/s,
 * 2 MiB take at least ~3.5 s whether they go as one file or as a tree of small files (each has
 * its own fast path), the bytes arrive intact, a limit raised mid-transfer speeds it up, and a
 * Cancel or Pause while the transfer waits for the limit takes effect at once.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import {
  patterned,
  queueOver,
  remoteRoot,
  row,
  sourceFor,
  treeManifest,
  waitFor,
  writeTree,
  type ProtocolKind,
  type TreeSpec,
} from './testing';
import type { TransferSettings } from './types';

const KINDS: ProtocolKind[] = ['sftp', 'ftps-explicit'];
const KIB = 1024;
const MIB = 1024 * KIB;
const LIMIT = 512 * KIB;
/** 2 MiB at 512 KiB/s is 4 s; a quarter second may be saved up at the start. */
const AT_LEAST_MS = 3500;

const harness = harnessForSuite(KINDS, 'ferry-limit-');

/** 2 MiB as 80 files of ~26 KiB in two folders: every one takes the small-file path. */
const smallTree: TreeSpec = {
  files: Array.from({ length: 80 }, (_, i) => ({
    path: `d${i % 2}/f${i}.bin`,
    size: 26_214 + (i % 3),
  })),
  emptyFolders: [],
};

type Direction = 'upload' | 'download';

function limited(direction: Direction, bytesPerSecond: number): Partial<TransferSettings> {
  return direction === 'download'
    ? { downloadBytesPerSecond: bytesPerSecond }
    : { uploadBytesPerSecond: bytesPerSecond };
}

describe.each(KINDS)('%s', (kind) => {
  const remoteFolder = (name: string) => posix.join(remoteRoot(harness.servers, kind), kind, name);
  /** The local path of a file the test user has on the server. */
  const onServer = (name: string) => join(harness.servers.root, kind, name);

  /** Moves `name` (a file or folder) one way at `bytesPerSecond`; returns the time it took. */
  async function timed(
    direction: Direction,
    name: string,
    local: string,
    settings: Partial<TransferSettings>,
    during?: (queue: ReturnType<typeof queueOver>['queue']) => Promise<void>,
  ): Promise<number> {
    const { queue } = queueOver(sourceFor(harness.servers, kind), {
      parallelTransfers: 4,
      ...settings,
    });
    try {
      const started = Date.now();
      const [id = ''] = await queue.enqueue({
        sessionId: 's',
        direction,
        items: [
          direction === 'download'
            ? { source: remoteFolder(name), targetFolder: local }
            : { source: join(local, name), targetFolder: remoteFolder('') },
        ],
      });
      await during?.(queue);
      await queue.whenIdle();
      expect(row(queue, id)?.state).toBe('done');
      return Date.now() - started;
    } finally {
      await queue.dispose();
    }
  }

  it('downloads one 2 MiB file no faster than 512 KiB/s, intact', async () => {
    const data = patterned(2 * MIB, 3);
    await harness.servers.fixtures.writeFile(`${kind}/one-down.bin`, data);
    const local = await mkdtemp(join(harness.scratch, 'one-down-'));
    const ms = await timed('download', 'one-down.bin', local, limited('download', LIMIT));
    expect(ms).toBeGreaterThanOrEqual(AT_LEAST_MS);
    expect(await sha256File(join(local, 'one-down.bin'))).toBe(sha256(data));
  });

  it('uploads one 2 MiB file no faster than 512 KiB/s, intact', async () => {
    const data = patterned(2 * MIB, 4);
    const local = await mkdtemp(join(harness.scratch, 'one-up-'));
    await writeFile(join(local, 'one-up.bin'), data);
    await harness.servers.fixtures.mkdir(kind);
    const ms = await timed('upload', 'one-up.bin', local, limited('upload', LIMIT));
    expect(ms).toBeGreaterThanOrEqual(AT_LEAST_MS);
    expect(sha256(await readFile(onServer('one-up.bin')))).toBe(sha256(data));
  });

  it('downloads a tree of 80 small files (2 MiB) no faster than 512 KiB/s, intact', async () => {
    const source = await mkdtemp(join(harness.scratch, 'tree-src-'));
    await writeTree(join(source, 'tree'), smallTree);
    for (const file of smallTree.files) {
      await harness.servers.fixtures.writeFile(
        `${kind}/tree-down/${file.path}`,
        await readFile(join(source, 'tree', file.path)),
      );
    }
    const local = await mkdtemp(join(harness.scratch, 'tree-down-'));
    const ms = await timed('download', 'tree-down', local, limited('download', LIMIT));
    expect(ms).toBeGreaterThanOrEqual(AT_LEAST_MS);
    expect((await treeManifest(join(local, 'tree-down'))).files).toEqual(
      (await treeManifest(join(source, 'tree'))).files,
    );
  });

  it('uploads a tree of 80 small files (2 MiB) no faster than 512 KiB/s, intact', async () => {
    const local = await mkdtemp(join(harness.scratch, 'tree-up-'));
    await writeTree(join(local, 'tree-up'), smallTree);
    await harness.servers.fixtures.mkdir(kind);
    const ms = await timed('upload', 'tree-up', local, limited('upload', LIMIT));
    expect(ms).toBeGreaterThanOrEqual(AT_LEAST_MS);
    expect((await treeManifest(onServer('tree-up'))).files).toEqual(
      (await treeManifest(join(local, 'tree-up'))).files,
    );
  });

  it.each<Direction>(['download', 'upload'])(
    '%s: a limit raised midway speeds it up at once',
    async (direction) => {
      // 4 MiB at 256 KiB/s would take 16 s; after one second the limit goes to 16 MiB/s.
      const data = patterned(4 * MIB, direction === 'download' ? 5 : 6);
      const local = await mkdtemp(join(harness.scratch, `raise-${direction}-`));
      const name = `raise-${direction}.bin`;
      if (direction === 'download')
        await harness.servers.fixtures.writeFile(`${kind}/${name}`, data);
      else {
        await writeFile(join(local, name), data);
        await harness.servers.fixtures.mkdir(kind);
      }
      const slow = { parallelTransfers: 4, ...limited(direction, 256 * KIB) };
      const ms = await timed(direction, name, local, slow, async (queue) => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        queue.configure({
          retries: 0,
          defaultConflictAction: 'overwrite',
          ...slow,
          ...limited(direction, 16 * MIB),
        });
      });
      expect(ms).toBeLessThan(5000);
      const arrived = direction === 'download' ? join(local, name) : onServer(name);
      expect(sha256(await readFile(arrived))).toBe(sha256(data));
    },
  );

  it.each<Direction>(['download', 'upload'])(
    '%s: a cancel while it waits for a slow limit takes effect at once, leaving no part file',
    async (direction) => {
      const data = patterned(2 * MIB, direction === 'download' ? 7 : 8);
      const local = await mkdtemp(join(harness.scratch, `cancel-${direction}-`));
      const name = `cancel-${direction}.bin`;
      if (direction === 'download')
        await harness.servers.fixtures.writeFile(`${kind}/${name}`, data);
      else {
        await writeFile(join(local, name), data);
        await harness.servers.fixtures.mkdir(kind);
      }
      const { queue } = queueOver(sourceFor(harness.servers, kind), limited(direction, 16 * KIB));
      try {
        const [id = ''] = await queue.enqueue({
          sessionId: 's',
          direction,
          items: [
            direction === 'download'
              ? { source: remoteFolder(name), targetFolder: local }
              : { source: join(local, name), targetFolder: remoteFolder('') },
          ],
        });
        // Some bytes moved: from here on every piece waits about a second for the limit.
        await waitFor(() => (row(queue, id)?.bytes ?? 0) > 0);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const started = Date.now();
        queue.cancel(id);
        await waitFor(() => row(queue, id)?.state === 'cancelled', 5000);
        expect(Date.now() - started).toBeLessThan(1000);
        await queue.whenIdle();
      } finally {
        await queue.dispose();
      }
      // A cancelled download leaves neither a part file nor a half file under the real name.
      if (direction === 'download') expect(await readdir(local)).toEqual([]);
    },
  );

  it.each<Direction>(['download', 'upload'])(
    '%s: a pause while it waits for a slow limit takes effect at once; resumed faster, it ends intact',
    async (direction) => {
      const data = patterned(2 * MIB, direction === 'download' ? 9 : 10);
      const local = await mkdtemp(join(harness.scratch, `pause-${direction}-`));
      const name = `pause-${direction}.bin`;
      if (direction === 'download')
        await harness.servers.fixtures.writeFile(`${kind}/${name}`, data);
      else {
        await writeFile(join(local, name), data);
        await harness.servers.fixtures.mkdir(kind);
      }
      const slow = {
        parallelTransfers: 2,
        retries: 0,
        defaultConflictAction: 'overwrite' as const,
      };
      const { queue } = queueOver(sourceFor(harness.servers, kind), {
        ...slow,
        ...limited(direction, 32 * KIB),
      });
      try {
        const [id = ''] = await queue.enqueue({
          sessionId: 's',
          direction,
          items: [
            direction === 'download'
              ? { source: remoteFolder(name), targetFolder: local }
              : { source: join(local, name), targetFolder: remoteFolder('') },
          ],
        });
        await waitFor(() => (row(queue, id)?.bytes ?? 0) > 0);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const started = Date.now();
        queue.pause();
        await waitFor(() => row(queue, id)?.state === 'queued', 5000);
        expect(Date.now() - started).toBeLessThan(1000);
        expect(row(queue, id)?.note).toBe('Paused.');
        queue.configure({ ...slow, ...limited(direction, 16 * MIB) });
        queue.resume();
        await queue.whenIdle();
        expect(row(queue, id)?.state).toBe('done');
      } finally {
        await queue.dispose();
      }
      const arrived = direction === 'download' ? join(local, name) : onServer(name);
      expect(sha256(await readFile(arrived))).toBe(sha256(data));
    },
  );
});
