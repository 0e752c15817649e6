/**
 * Servers that lie about files: one announces a size and then never stops sending. Ferry stops
 * reading as soon as more bytes arrive than announced, so the disk is not filled, and nothing
 * lands under the real name.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchForSuite } from '../../../e2e/harness/vitest-suite';
import type { HostileFolder } from '../../../e2e/hostile/tree';
import type { RemoteFs } from '../remote/remote-fs';
import { TransferQueue } from './transfer-queue';
import { patterned, queueOver } from './testing';
import { HOSTILE_SERVERS } from './testing-hostile';

const KiB = 1024;
const MiB = 1024 * KiB;

const scratch = scratchForSuite('ferry-hostile-files-');

function queueFor(open: () => Promise<RemoteFs>): TransferQueue {
  return queueOver({ open }).queue;
}

describe.each(HOSTILE_SERVERS)('%s', (kind, start) => {
  it('stops a download that keeps coming past its announced size', async () => {
    const tree: HostileFolder = {
      name: '/',
      kind: 'folder',
      entries: [{ name: 'endless.bin', kind: 'file', data: patterned(64 * KiB, 3), endless: true }],
    };
    const server = await start(tree);
    const queue = queueFor(() => server.open());
    try {
      const folder = await mkdtemp(join(scratch.path, `${kind}-endless-`));
      const started = performance.now();
      await queue.enqueue({
        sessionId: 'hostile',
        direction: 'download',
        items: [{ source: '/endless.bin', targetFolder: folder }],
      });
      await queue.whenIdle();
      const row = queue.list()[0];
      expect(row?.state).toBe('failed');
      expect(row?.error?.code).toBe('size_mismatch');
      expect(row?.error?.message).toMatch(/more of endless\.bin than the 65536 bytes/);
      expect(row?.error?.hint?.length).toBeGreaterThan(10);
      // Stopped within the read-ahead of the connection, not at the server's 256 MiB cap.
      expect(server.sent).toBeLessThan(16 * MiB);
      expect(performance.now() - started).toBeLessThan(10_000);
      // Neither the real name nor a part file is left behind.
      expect(await readdir(folder)).toEqual([]);
    } finally {
      await queue.dispose();
      await server.close();
    }
  });
});

describe.each(HOSTILE_SERVERS)('%s part files', (kind, start) => {
  const report = Buffer.from('the real report\n');
  const tree: HostileFolder = {
    name: '/',
    kind: 'folder',
    entries: [
      {
        name: 'docs',
        kind: 'folder',
        entries: [
          { name: '.report.pdf.ferry-part', kind: 'file', data: Buffer.from('planted\n') },
          { name: 'report.pdf', kind: 'file', data: report },
        ],
      },
    ],
  };

  it("skips a listed name shaped like Ferry's temporary file, and the real file arrives", async () => {
    const server = await start(tree);
    const queue = queueFor(() => server.open());
    try {
      const folder = await mkdtemp(join(scratch.path, `${kind}-parts-`));
      await queue.enqueue({
        sessionId: 'hostile',
        direction: 'download',
        items: [{ source: '/docs', targetFolder: folder }],
      });
      await queue.whenIdle();
      const rows = queue.list();
      const planted = rows.find((row) => row.name === '.report.pdf.ferry-part');
      expect(planted?.state).toBe('skipped');
      expect(planted?.error?.code).toBe('unsafe_name');
      expect(planted?.error?.message).toMatch(/temporary file/);
      expect(rows.find((row) => row.name === 'report.pdf')?.state).toBe('done');
      expect(await readdir(join(folder, 'docs'))).toEqual(['report.pdf']);
      expect(await readFile(join(folder, 'docs', 'report.pdf'))).toEqual(report);
      expect(server.requests).not.toContain('/docs/.report.pdf.ferry-part');
    } finally {
      await queue.dispose();
      await server.close();
    }
  });

  it('never deletes a part file it did not create', async () => {
    const server = await start(tree);
    const queue = queueFor(() => server.open());
    try {
      const folder = await mkdtemp(join(scratch.path, `${kind}-others-`));
      // Another download (another Ferry, another job) is writing here.
      const others = join(folder, '.report.pdf.ferry-part');
      await writeFile(others, "another download's bytes");
      await queue.enqueue({
        sessionId: 'hostile',
        direction: 'download',
        items: [{ source: '/docs/report.pdf', targetFolder: folder }],
      });
      await queue.whenIdle();
      expect(queue.list()[0]?.state).toBe('done');
      expect(await readFile(join(folder, 'report.pdf'))).toEqual(report);
      expect(await readFile(others, 'utf8')).toBe("another download's bytes");
      expect((await readdir(folder)).sort()).toEqual(['.report.pdf.ferry-part', 'report.pdf']);
    } finally {
      await queue.dispose();
      await server.close();
    }
  });
});
