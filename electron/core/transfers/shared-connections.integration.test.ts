/**
 * SFTP jobs share a connection (many files in flight on one channel); FTP jobs never do (one
 * command at a time). Either way every byte arrives.
 */
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { RemoteFs } from '../remote/remote-fs';
import {
  remoteRoot,
  connectTo,
  treeManifest,
  twoFolderTree,
  queueOver,
  writeTree,
  type ProtocolKind,
  type TreeSpec,
} from './testing';

const harness = harnessForSuite(['sftp', 'ftp'], 'ferry-shared-');

/** 120 small files in two folders (distinct bytes: writeTree seeds each file). */
const smallTree = (): TreeSpec => twoFolderTree(120, 2000);

describe.each<ProtocolKind>(['sftp', 'ftp'])('%s with one parallel transfer', (kind) => {
  it('uploads many small files over one connection, every checksum intact', async () => {
    const tree = join(harness.scratch, `tree-${kind}`);
    await writeTree(tree, smallTree());
    const expected = await treeManifest(tree);
    await harness.servers.fixtures.mkdir(`shared-${kind}`);
    // Counts uploads in flight at once on the connections it opens.
    let inFlight = 0;
    let mostInFlight = 0;
    const source = {
      opened: 0,
      open: async (): Promise<RemoteFs> => {
        source.opened++;
        const fs = await connectTo(harness.servers, kind);
        const counted =
          <A extends unknown[]>(call: (...args: A) => Promise<void>) =>
          async (...args: A): Promise<void> => {
            mostInFlight = Math.max(mostInFlight, ++inFlight);
            try {
              return await call(...args);
            } finally {
              inFlight--;
            }
          };
        fs.upload = counted(fs.upload.bind(fs));
        // Small files go in one round trip where the connection offers it (SFTP).
        if (fs.writeSmall) fs.writeSmall = counted(fs.writeSmall.bind(fs));
        return fs;
      },
    };
    const { queue } = queueOver(source, { parallelTransfers: 1 });
    try {
      await queue.enqueue({
        sessionId: 's',
        direction: 'upload',
        items: [
          {
            source: tree,
            targetFolder: posix.join(remoteRoot(harness.servers, kind), `shared-${kind}`),
          },
        ],
      });
      await queue.whenIdle();
      expect(queue.list()[0]?.state).toBe('done');
      expect(
        await treeManifest(harness.servers.fixtures.abs(`shared-${kind}/tree-${kind}`)),
      ).toEqual(expected);
      // One connection either way; over SFTP many files were in flight on it.
      expect(source.opened).toBe(1);
      if (kind === 'sftp') expect(mostInFlight).toBeGreaterThan(4);
      else expect(mostInFlight).toBe(1);
    } finally {
      await queue.dispose();
    }
  });
});

describe('sftp with a server that takes one connection only', () => {
  it('moves every file on the one it has, asking for another only once', async () => {
    const tree = join(harness.scratch, 'tree-one-conn');
    await writeTree(tree, smallTree());
    const expected = await treeManifest(tree);
    await harness.servers.fixtures.mkdir('one-conn');
    // The first login works; every later one is refused, as by a server's connection limit.
    const source = {
      attempts: 0,
      open: async (): Promise<RemoteFs> => {
        if (++source.attempts > 1) throw new Error('Too many connections from this address');
        return connectTo(harness.servers, 'sftp');
      },
    };
    const { queue } = queueOver(source, { parallelTransfers: 4 });
    try {
      await queue.enqueue({
        sessionId: 's',
        direction: 'upload',
        items: [
          {
            source: tree,
            targetFolder: posix.join(remoteRoot(harness.servers, 'sftp'), 'one-conn'),
          },
        ],
      });
      await queue.whenIdle();
      expect(queue.list()[0]?.state).toBe('done');
      expect(await treeManifest(harness.servers.fixtures.abs('one-conn/tree-one-conn'))).toEqual(
        expected,
      );
      // One extra connection was tried for the jobs to come, not one per file.
      expect(source.attempts).toBe(2);
    } finally {
      await queue.dispose();
    }
  });
});
