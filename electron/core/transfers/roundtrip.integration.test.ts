/**
 * A tree of ~200 awkward files (empty, 1 byte, odd sizes, 20 MiB, spaces, Unicode, nested empty
 * folders) goes up to each real server and comes back down: every checksum is compared, on the
 * server's disk and after the round trip.
 */
import { stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import {
  awkwardTree,
  queueOver,
  remoteRoot,
  sourceFor,
  treeManifest,
  writeTree,
  type ProtocolKind,
} from './testing';

const KINDS: ProtocolKind[] = [
  'sftp',
  'ftps-explicit',
  'ftps-explicit-tls12',
  'ftps-implicit',
  'ftp',
];

let tree: string;
let expected: Awaited<ReturnType<typeof treeManifest>>;

const harness = harnessForSuite(KINDS, 'ferry-transfers-');
beforeAll(async () => {
  tree = join(harness.scratch, 'tree');
  await writeTree(tree, awkwardTree());
  expected = await treeManifest(tree);
});

describe.each(KINDS)('%s', (kind) => {
  it('uploads a tree and downloads it back with every checksum and empty folder intact', async () => {
    await harness.servers.fixtures.mkdir(kind);
    const remoteFolder = posix.join(remoteRoot(harness.servers, kind), kind);
    const source = sourceFor(harness.servers, kind);
    const { queue, events } = queueOver(source, { retries: 3, defaultConflictAction: 'ask' });
    try {
      let started = performance.now();
      const [upId] = await queue.enqueue({
        sessionId: 'test',
        direction: 'upload',
        items: [{ source: tree, targetFolder: remoteFolder }],
      });
      await queue.whenIdle();
      const upSeconds = (performance.now() - started) / 1000;
      const up = queue.list().find((row) => row.id === upId);
      expect(up?.error).toBeUndefined();
      expect(up?.state).toBe('done');
      expect(up?.files?.done).toBe(Object.keys(expected.files).length);
      expect(await treeManifest(harness.servers.fixtures.abs(`${kind}/tree`))).toEqual(expected);

      const down = join(harness.scratch, `down-${kind}`);
      await import('node:fs/promises').then((fs) => fs.mkdir(down));
      started = performance.now();
      const [downId] = await queue.enqueue({
        sessionId: 'test',
        direction: 'download',
        items: [{ source: posix.join(remoteFolder, 'tree'), targetFolder: down }],
      });
      await queue.whenIdle();
      const downSeconds = (performance.now() - started) / 1000;
      const back = queue.list().find((row) => row.id === downId);
      expect(back?.error).toBeUndefined();
      expect(back?.state).toBe('done');
      expect(await treeManifest(join(down, 'tree'))).toEqual(expected);
      // Never more connections than parallel transfers (plus none for browsing).
      expect(source.opened).toBeLessThanOrEqual(4);
      const totalBytes = (
        await Promise.all(Object.keys(expected.files).map((f) => stat(join(tree, f))))
      ).reduce((sum, s) => sum + s.size, 0);
      console.log(
        `${kind}: up ${upSeconds.toFixed(2)} s, down ${downSeconds.toFixed(2)} s for ` +
          `${Object.keys(expected.files).length} files / ${(totalBytes / 2 ** 20).toFixed(1)} MiB`,
      );
      const totals = events.events.filter((e) => e.name === 'transfer.totals');
      expect(totals.length).toBeGreaterThan(0);
    } finally {
      await queue.dispose();
    }
  });
});
