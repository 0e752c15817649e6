/**
 * Speed limits against the real servers, both directions, over SFTP and FTPS: with 512 KiB/s,
 * 2 MiB take at least ~3.5 s whether they go as one file or as a tree of small files (each has
 * its own fast path), the bytes arrive intact, a limit raised mid-transfer speeds it up, and a
 * Cancel or Pause while the transfer waits for the limit takes effect at once.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../e2e/harness/checksums';
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
import type { EnqueueItem } from './enqueue';
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

/** Writes one file of a test load where it is sent from. */
type Put = (relPath: string, data: Buffer) => Promise<void>;
/** A test load: written as `name` through `put`; answers how to check what arrived at a path. */
type Load = (name: string, put: Put) => Promise<(arrived: string) => Promise<void>>;

/** One file of `bytes` patterned bytes, checked by SHA-256. */
function oneFile(bytes: number, seed: number): Load {
  return async (name, put) => {
    const data = patterned(bytes, seed);
    await put(name, data);
    return async (arrived) => expect(sha256(await readFile(arrived))).toBe(sha256(data));
  };
}

/** `smallTree` as folder `name`, checked file by file (paths, sizes, SHA-256). */
const smallFiles: Load = async (name, put) => {
  const source = await mkdtemp(join(harness.scratch, 'tree-src-'));
  await writeTree(source, smallTree);
  for (const file of smallTree.files) {
    await put(posix.join(name, file.path), await readFile(join(source, file.path)));
  }
  return async (arrived) =>
    expect((await treeManifest(arrived)).files).toEqual((await treeManifest(source)).files);
};

describe.each(KINDS)('%s', (kind) => {
  const remoteFolder = (name: string) => posix.join(remoteRoot(harness.servers, kind), kind, name);
  /** The local path of a file the test user has on the server. */
  const onServer = (name: string) => join(harness.servers.root, kind, name);

  /**
   * Puts `load` as `name` where `direction` takes it from: on the server for a download, in a
   * new local folder for an upload. Answers that local folder and the check of what arrives.
   */
  async function staged(direction: Direction, name: string, load: Load) {
    const local = await mkdtemp(join(harness.scratch, `${name}-`));
    let put: Put;
    if (direction === 'download') {
      put = async (rel, data) =>
        void (await harness.servers.fixtures.writeFile(`${kind}/${rel}`, data));
    } else {
      await harness.servers.fixtures.mkdir(kind);
      put = async (rel, data) => {
        await mkdir(dirname(join(local, rel)), { recursive: true });
        await writeFile(join(local, rel), data);
      };
    }
    const isIntact = await load(name, put);
    const arrived = direction === 'download' ? join(local, name) : onServer(name);
    return { local, expectArrived: () => isIntact(arrived) };
  }

  /** The queue item that sends `name` from where `staged` put it. */
  const itemFor = (direction: Direction, name: string, local: string): EnqueueItem =>
    direction === 'download'
      ? { source: remoteFolder(name), targetFolder: local }
      : { source: join(local, name), targetFolder: remoteFolder('') };

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
        items: [itemFor(direction, name, local)],
      });
      await during?.(queue);
      await queue.whenIdle();
      expect(row(queue, id)?.state).toBe('done');
      return Date.now() - started;
    } finally {
      await queue.dispose();
    }
  }

  it.each<[verb: string, shape: string, direction: Direction, name: string, load: Load]>([
    ['downloads', 'one 2 MiB file', 'download', 'one-down.bin', oneFile(2 * MIB, 3)],
    ['uploads', 'one 2 MiB file', 'upload', 'one-up.bin', oneFile(2 * MIB, 4)],
    ['downloads', 'a tree of 80 small files (2 MiB)', 'download', 'tree-down', smallFiles],
    ['uploads', 'a tree of 80 small files (2 MiB)', 'upload', 'tree-up', smallFiles],
  ])('%s %s no faster than 512 KiB/s, intact', async (_verb, _shape, direction, name, load) => {
    const { local, expectArrived } = await staged(direction, name, load);
    const ms = await timed(direction, name, local, limited(direction, LIMIT));
    expect(ms).toBeGreaterThanOrEqual(AT_LEAST_MS);
    await expectArrived();
  });

  it.each<Direction>(['download', 'upload'])(
    '%s: a limit raised midway speeds it up at once',
    async (direction) => {
      // 4 MiB at 256 KiB/s would take 16 s; after one second the limit goes to 16 MiB/s.
      const name = `raise-${direction}.bin`;
      const load = oneFile(4 * MIB, direction === 'download' ? 5 : 6);
      const { local, expectArrived } = await staged(direction, name, load);
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
      await expectArrived();
    },
  );

  it.each<Direction>(['download', 'upload'])(
    '%s: a cancel while it waits for a slow limit takes effect at once, leaving no part file',
    async (direction) => {
      const name = `cancel-${direction}.bin`;
      const load = oneFile(2 * MIB, direction === 'download' ? 7 : 8);
      const { local } = await staged(direction, name, load);
      const { queue } = queueOver(sourceFor(harness.servers, kind), limited(direction, 16 * KIB));
      try {
        const [id = ''] = await queue.enqueue({
          sessionId: 's',
          direction,
          items: [itemFor(direction, name, local)],
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
      const name = `pause-${direction}.bin`;
      const load = oneFile(2 * MIB, direction === 'download' ? 9 : 10);
      const { local, expectArrived } = await staged(direction, name, load);
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
          items: [itemFor(direction, name, local)],
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
      await expectArrived();
    },
  );
});
