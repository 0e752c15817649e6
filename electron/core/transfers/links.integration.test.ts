/**
 * Links in a recursive download, against the real servers: a link to a file arrives as a regular
 * file with the linked file's bytes (whether it points beside itself or elsewhere); a link to a
 * folder, or to nothing, is skipped with a note and never followed. An upload that refuses links
 * (keeping a folder up to date) never reads through one that took a file's place. A subfolder
 * swapped for a link while its file downloads gets nothing through it.
 */
import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { patterned, type ProtocolKind, queueOver, remoteRoot, sourceFor, waitFor } from './testing';

const KINDS: ProtocolKind[] = ['sftp', 'ftps-explicit', 'ftp'];

const harness = harnessForSuite(KINDS, 'ferry-links-');
beforeAll(async () => {
  const f = harness.servers.fixtures;
  await f.writeFile('elsewhere/far.txt', 'far away\n');
  await f.writeFile('links/real.txt', 'the real thing\n');
  await f.writeFile('links/dir/inside.txt', 'inside\n');
  await f.symlink('real.txt', 'links/to-file');
  await f.symlink('../elsewhere/far.txt', 'links/to-far-file');
  await f.symlink('dir', 'links/to-dir');
  await f.symlink('../elsewhere', 'links/to-far-dir');
  await f.symlink('nothing-here', 'links/broken');
});

describe.each(KINDS)('%s', (kind) => {
  it('downloads links to files as files and skips links to folders or to nothing', async () => {
    const { queue } = queueOver(sourceFor(harness.servers, kind));
    try {
      const out = await mkdtemp(join(harness.scratch, `${kind}-`));
      await queue.enqueue({
        sessionId: 's',
        direction: 'download',
        items: [
          { source: posix.join(remoteRoot(harness.servers, kind), 'links'), targetFolder: out },
        ],
      });
      await queue.whenIdle();
      const here = join(out, 'links');
      expect((await readdir(here)).sort()).toEqual(['dir', 'real.txt', 'to-far-file', 'to-file']);
      expect(await readFile(join(here, 'to-file'), 'utf8')).toBe('the real thing\n');
      expect(await readFile(join(here, 'to-far-file'), 'utf8')).toBe('far away\n');
      expect((await lstat(join(here, 'to-file'))).isFile()).toBe(true);
      expect(await readFile(join(here, 'dir/inside.txt'), 'utf8')).toBe('inside\n');

      const rows = new Map(queue.list().map((row) => [row.name, row]));
      expect(rows.get('to-file')?.state).toBe('done');
      expect(rows.get('to-far-file')?.state).toBe('done');
      for (const name of ['to-dir', 'to-far-dir', 'broken']) {
        expect(rows.get(name)).toMatchObject({ state: 'skipped' });
        expect(rows.get(name)?.note).toMatch(/not followed/);
      }
    } finally {
      await queue.dispose();
    }
  });
});

describe('an upload that refuses links', () => {
  it('skips a file replaced by a link, sending nothing of what it leads to', async () => {
    const { queue } = queueOver(sourceFor(harness.servers, 'sftp'));
    try {
      const here = await mkdtemp(join(harness.scratch, 'keep-'));
      await writeFile(join(here, 'secret.key'), 'PRIVATE KEY');
      await symlink(join(here, 'secret.key'), join(here, 'page.html'));
      const folder = posix.join(remoteRoot(harness.servers, 'sftp'), 'elsewhere');
      const item = { source: join(here, 'page.html'), targetFolder: folder };
      await queue.enqueue({
        sessionId: 's',
        direction: 'upload',
        items: [{ ...item, linksRefused: true }],
      });
      await queue.whenIdle();
      expect(queue.list()[0]).toMatchObject({ state: 'skipped', note: /link now: not sent/ });
      await expect(readFile(harness.servers.fixtures.abs('elsewhere/page.html'))).rejects.toThrow();
    } finally {
      await queue.dispose();
    }
  });
});

describe('a folder download whose subfolder is swapped for a link before its file comes', () => {
  it('sftp: writes nothing through the link, and says why on the row', async () => {
    await harness.servers.fixtures.writeFile('swapped/sub/two.bin', patterned(64 * 1024, 4));
    // Asked about the file already here, the job waits: meanwhile its folder becomes a link.
    const { queue } = queueOver(sourceFor(harness.servers, 'sftp'), {
      defaultConflictAction: 'ask',
    });
    try {
      const out = await mkdtemp(join(harness.scratch, 'swap-'));
      const outside = await mkdtemp(join(harness.scratch, 'outside-'));
      await mkdir(join(out, 'swapped/sub'), { recursive: true });
      await writeFile(join(out, 'swapped/sub/two.bin'), 'an older copy');
      const source = posix.join(remoteRoot(harness.servers, 'sftp'), 'swapped');
      await queue.enqueue({
        sessionId: 's',
        direction: 'download',
        items: [{ source, targetFolder: out }],
      });
      await waitFor(() => queue.conflicts().length === 1);
      await rename(join(out, 'swapped/sub'), join(out, 'moved-away'));
      await symlink(outside, join(out, 'swapped/sub'), 'dir');
      queue.resolveConflict(queue.conflicts()[0]!.conflictId, 'overwrite', false);
      await queue.whenIdle();
      expect(await readdir(outside)).toEqual([]);
      const row = queue.list().find((r) => r.name === 'sub/two.bin');
      expect(row?.state).toBe('failed');
      expect(row?.error?.message).toMatch(/swapped\/sub is a link now .* outside the folder/);
      expect(row?.error?.hint).toMatch(/Put the real folder back/);
    } finally {
      await queue.dispose();
    }
  });
});
