/**
 * A local subfolder replaced by a link (to a folder outside the synchronized one) between the
 * preview and Start: against the real sshd, nothing is written there nor read from there — the
 * files below it are left alone, each saying why on its row — while the rest of the plan happens.
 */
import { createHash } from 'node:crypto';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { SyncOptions, SyncPlanned } from '../../../shared/contract/sync';
import type { TransferJob } from '../../../shared/contract/transfers';
import { appTrustingOnce } from '../transfers/testing-app';
import { paramsFor, patterned, remoteRoot } from '../transfers/testing';

const harness = harnessForSuite(['sftp'], 'ferry-sync-link-swap-');
const BASE = Math.floor((Date.now() - 86_400_000) / 60_000) * 60_000;
const REFUSED = /is a link now \(or no longer the folder it was\)/;

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function put(path: string, data: string | Buffer, offsetMin = 0) {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, data);
  const when = new Date(BASE + offsetMin * 60_000);
  await utimes(path, when, when);
}

let n = 0;

async function synchronizer(local: string, serverRel: string) {
  const { app, events } = appTrustingOnce(await mkdtemp(join(harness.scratch, 'data-')));
  const session = await app.handlers['remote.connect'](paramsFor(harness.servers, 'sftp'));
  /** Compares by time and size, into every subfolder. */
  const plan = async (direction: SyncOptions['direction'], deleteExtra: boolean) => {
    const options: SyncOptions = {
      direction,
      deleteExtra,
      compareBy: 'timeAndSize',
      recursive: true,
    };
    const planned = new Promise<SyncPlanned>((resolve) =>
      events.on('sync.planned', (p: SyncPlanned) => resolve(p)),
    );
    await app.handlers['sync.start']({
      pageId: 'page-link-swap',
      sessionId: session.sessionId,
      localRoot: local,
      remoteRoot: posix.join(remoteRoot(harness.servers, 'sftp'), serverRel),
      options,
    });
    return planned;
  };
  const run = async (planned: SyncPlanned) => {
    const result = await app.handlers['sync.run']({
      syncId: planned.syncId,
      itemIds: planned.items.map((i) => i.id),
    });
    for (let i = 0; i < 3000; i++) {
      const rows = await app.handlers['transfers.list']({});
      if (rows.every((r) => r.state !== 'queued' && r.state !== 'active')) return { result, rows };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('The transfers did not finish.');
  };
  return { app, plan, run };
}

const byName = (rows: TransferJob[]) => new Map(rows.map((r) => [r.name, r]));

/** Moves the real `folder` away and puts a link to `outside` (an empty folder) in its place. */
async function swapForLink(folder: string): Promise<string> {
  const outside = join(harness.scratch, `outside-${n}`);
  await mkdir(outside);
  await rename(folder, join(harness.scratch, `moved-away-${n}`));
  await symlink(outside, folder, 'dir');
  return outside;
}

describe('a local folder swapped for a link after the preview', () => {
  it('download: nothing is written through it, the rest arrives', async () => {
    n++;
    const local = join(harness.scratch, `down-${n}`);
    const serverRel = `down-${n}`;
    const server = async (path: string, data: string | Buffer) =>
      put(await harness.servers.fixtures.writeFile(`${serverRel}/${path}`, data), data, 60);
    const big = patterned(100 * 1024, 7);
    await server('top.txt', 'top of the site');
    await server('docs/small.txt', 'small one');
    await server('docs/big.bin', big);
    await server('docs/media/pic.bin', 'a picture');
    await put(join(local, 'docs/here.txt'), 'only here'); // docs exists on both sides
    const { app, plan, run } = await synchronizer(local, serverRel);
    try {
      const planned = await plan('download', true);
      expect(planned.items.map((i) => `${i.action} ${i.path}`).sort()).toEqual([
        'deleteLocal docs/here.txt',
        'download docs/big.bin',
        'download docs/media',
        'download docs/small.txt',
        'download top.txt',
      ]);
      const outside = await swapForLink(join(local, 'docs'));
      // Out there, a file just like the one to delete: not deleted through the link either.
      await put(join(outside, 'here.txt'), 'only here');

      const { result, rows } = await run(planned);
      expect(await readdir(outside, { recursive: true })).toEqual(['here.txt']);
      expect(await readFile(join(outside, 'here.txt'), 'utf8')).toBe('only here');
      expect(result.deleted).toBe(0);
      expect(result.failed).toEqual([
        {
          path: 'docs/here.txt',
          error: expect.objectContaining({ message: expect.stringMatching(REFUSED) }),
        },
      ]);
      const shown = byName(rows);
      for (const name of ['small.txt', 'big.bin', 'media']) {
        expect(shown.get(name)?.state, name).toBe('skipped');
        expect(shown.get(name)?.note, name).toMatch(REFUSED);
        expect(shown.get(name)?.note, name).toMatch(/Put the real folder back/);
        expect(shown.get(name)?.leftAlone, name).toBe('link');
      }
      expect(shown.get('top.txt')?.state).toBe('done');
      expect(sha(await readFile(join(local, 'top.txt')))).toBe(sha('top of the site'));
    } finally {
      await app.dispose();
    }
  });

  it('upload: nothing is read through it, the rest goes', async () => {
    n++;
    const local = join(harness.scratch, `up-${n}`);
    const serverRel = `up-${n}`;
    await put(join(local, 'index.html'), '<h1>new</h1>', 60);
    await put(join(local, 'docs/a.txt'), 'new a', 60);
    await put(
      await harness.servers.fixtures.writeFile(`${serverRel}/docs/a.txt`, 'old a'),
      'old a',
    );
    const { app, plan, run } = await synchronizer(local, serverRel);
    try {
      const planned = await plan('upload', false);
      expect(planned.items.map((i) => `${i.action} ${i.path}`).sort()).toEqual([
        'upload docs/a.txt',
        'upload index.html',
      ]);
      const outside = await swapForLink(join(local, 'docs'));
      await writeFile(join(outside, 'a.txt'), 'SECRET from elsewhere');

      const { result, rows } = await run(planned);
      expect(result.transferIds.length).toBe(2);
      const shown = byName(rows);
      expect(shown.get('a.txt')?.state).toBe('skipped');
      expect(shown.get('a.txt')?.leftAlone).toBe('link');
      expect(shown.get('a.txt')?.note).toMatch(/^Not sent: .* is a link now/);
      expect(shown.get('index.html')?.state).toBe('done');
      const there = (path: string) =>
        readFile(harness.servers.fixtures.abs(`${serverRel}/${path}`), 'utf8');
      expect(await there('docs/a.txt')).toBe('old a');
      expect(await there('index.html')).toBe('<h1>new</h1>');
    } finally {
      await app.dispose();
    }
  });

  it('upload of a folder only here: nothing is read through it (nor through a link below)', async () => {
    n++;
    const local = join(harness.scratch, `up-folder-${n}`);
    const serverRel = `up-folder-${n}`;
    await put(join(local, 'index.html'), '<h1>new</h1>', 60);
    await put(join(local, 'docs/new/a.txt'), 'new a', 60);
    await put(join(local, 'more/b.txt'), 'new b', 60);
    await harness.servers.fixtures.mkdir(`${serverRel}/docs`);
    const { app, plan, run } = await synchronizer(local, serverRel);
    try {
      const planned = await plan('upload', false);
      expect(planned.items.map((i) => `${i.action} ${i.path}`).sort()).toEqual([
        'upload docs/new',
        'upload index.html',
        'upload more',
      ]);
      const outside = await swapForLink(join(local, 'docs'));
      await put(join(outside, 'new/a.txt'), 'SECRET from elsewhere');
      // A link put into a folder only here after the preview: not followed either.
      await writeFile(join(outside, 'secret.txt'), 'SECRET too');
      await symlink(join(outside, 'secret.txt'), join(local, 'more/link.txt'));

      const { rows } = await run(planned);
      const there = (path: string) =>
        readFile(harness.servers.fixtures.abs(`${serverRel}/${path}`), 'utf8');
      await expect(there('docs/new/a.txt')).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(there('more/link.txt')).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await there('more/b.txt')).toBe('new b');
      expect(await there('index.html')).toBe('<h1>new</h1>');
      const shown = byName(rows);
      expect(shown.get('new')?.state).toBe('skipped');
      expect(shown.get('new')?.leftAlone).toBe('link');
      expect(shown.get('new')?.note).toMatch(/^Not sent: .* is a link now/);
    } finally {
      await app.dispose();
    }
  });
});
