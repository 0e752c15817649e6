/**
 * A site that allows one connection (FileZilla's per-site "maximum number of connections", for
 * servers that refuse more) gets one, whatever the app-wide "parallel transfers" says, while
 * another server's transfers at the same time use the app's setting.
 */
import { mkdtemp } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { RemoteFs } from '../remote/remote-fs';
import { TransferQueue } from './transfer-queue';
import {
  connectTo,
  recorder,
  remoteRoot,
  treeManifest,
  twoFolderTree,
  writeTree,
  type ProtocolKind,
  type TreeSpec,
} from './testing';
import type { ConnectionSource } from './types';

const harness = harnessForSuite(['sftp', 'ftp'], 'ferry-site-limit-');

/** 20 files in two folders, big enough that several are on their way at once. */
const tree = (): TreeSpec => twoFolderTree(20, 300_000);

/** A connection source that counts the connections it opened and how many were open at once. */
function countingSource(kind: ProtocolKind, maxConnections?: number) {
  const counts = { opened: 0, open: 0, mostOpen: 0 };
  const source: ConnectionSource = {
    open: async (): Promise<RemoteFs> => {
      counts.opened++;
      const fs = await connectTo(harness.servers, kind);
      counts.mostOpen = Math.max(counts.mostOpen, ++counts.open);
      fs.onClose(() => void counts.open--);
      return fs;
    },
    ...(maxConnections === undefined ? {} : { maxConnections }),
  };
  return { source, counts };
}

describe.each<ProtocolKind>(['sftp', 'ftp'])('%s', (kind) => {
  it('downloads a 20-file tree over one connection for a site limited to one, while another session uses more', async () => {
    const remoteTree = `limit-${kind}`;
    await writeTree(harness.servers.fixtures.abs(remoteTree), tree());
    const expected = await treeManifest(harness.servers.fixtures.abs(remoteTree));
    const limited = countingSource(kind, 1);
    const free = countingSource(kind);
    const queue = new TransferQueue({
      emit: recorder().emit,
      connections: (sessionId) => (sessionId === 'limited' ? limited.source : free.source),
      settings: { parallelTransfers: 4, retries: 0, defaultConflictAction: 'overwrite' },
    });
    try {
      const source = posix.join(remoteRoot(harness.servers, kind), remoteTree);
      const limitedDir = await mkdtemp(join(harness.scratch, 'limited-'));
      const freeDir = await mkdtemp(join(harness.scratch, 'free-'));
      // The limited session's work is queued first: it must not hold up the other's.
      const [limitedId] = await queue.enqueue({
        sessionId: 'limited',
        direction: 'download',
        items: [{ source, targetFolder: limitedDir }],
      });
      const [freeId] = await queue.enqueue({
        sessionId: 'free',
        direction: 'download',
        items: [{ source, targetFolder: freeDir }],
      });
      await queue.whenIdle();
      const rows = queue.list();
      expect(rows.find((r) => r.id === limitedId)?.state).toBe('done');
      expect(rows.find((r) => r.id === freeId)?.state).toBe('done');
      expect(await treeManifest(join(limitedDir, remoteTree))).toEqual(expected);
      expect(await treeManifest(join(freeDir, remoteTree))).toEqual(expected);
      expect(limited.counts.opened).toBe(1);
      expect(limited.counts.mostOpen).toBe(1);
      expect(free.counts.mostOpen).toBeGreaterThan(1);
    } finally {
      await queue.dispose();
    }
  });
});
