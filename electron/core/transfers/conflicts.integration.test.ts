/**
 * When the target exists: overwrite, overwrite if newer, resume, rename, skip, "apply to all",
 * and the default from settings — downloads and uploads against a real SFTP server.
 */
import { utimes } from 'node:fs/promises';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { ConflictAction, Settings } from '../../../shared/contract/settings';
import type { TransferConflict } from '../../../shared/contract/transfers';
import { createTransferHandlers } from './handlers';
import { queueOver, remoteRoot, sourceFor } from './testing';

let counter = 0;

const harness = harnessForSuite(['sftp'], 'ferry-conflicts-');

/** A fresh remote folder and local folder for one test. */
async function setup(
  answer?: { action: ConflictAction; applyToAll?: boolean },
  defaultConflictAction: Settings['defaultConflictAction'] = 'ask',
) {
  const name = `case-${++counter}`;
  await harness.servers.fixtures.mkdir(name);
  const local = await mkdtemp(join(harness.scratch, `${name}-`));
  const conflicts: TransferConflict[] = [];
  const { queue, events } = queueOver(sourceFor(harness.servers, 'sftp'), {
    defaultConflictAction,
  });
  events.on('transfer.conflict', (conflict) => {
    conflicts.push(conflict);
    if (answer) {
      setTimeout(() =>
        queue.resolveConflict(conflict.conflictId, answer.action, answer.applyToAll ?? false),
      );
    }
  });
  const remote = (file = '') => posix.join(remoteRoot(harness.servers, 'sftp'), name, file);
  const onServer = (file: string) => harness.servers.fixtures.abs(`${name}/${file}`);
  const put = (file: string, data: string) =>
    harness.servers.fixtures.writeFile(`${name}/${file}`, data);
  const download = async (...files: string[]) => {
    await queue.enqueue({
      sessionId: 's',
      direction: 'download',
      items: files.map((file) => ({ source: remote(file), targetFolder: local })),
    });
    await queue.whenIdle();
  };
  const upload = async (...files: string[]) => {
    await queue.enqueue({
      sessionId: 's',
      direction: 'upload',
      items: files.map((file) => ({ source: join(local, file), targetFolder: remote() })),
    });
    await queue.whenIdle();
  };
  return { queue, events, conflicts, local, remote, onServer, put, download, upload };
}

const text = (path: string) => readFile(path, 'utf8');

describe('downloads onto an existing file', () => {
  it('asks, with the facts of both files, and overwrites when told to', async () => {
    const t = await setup({ action: 'overwrite' });
    await t.put('report.txt', 'server version, longer');
    await writeFile(join(t.local, 'report.txt'), 'local');
    await t.download('report.txt');
    expect(t.conflicts).toHaveLength(1);
    expect(t.conflicts[0]).toMatchObject({
      direction: 'download',
      name: 'report.txt',
      source: { size: 22 },
      target: { size: 5 },
      canResume: true,
    });
    expect(await text(join(t.local, 'report.txt'))).toBe('server version, longer');
    expect(t.queue.list()[0]?.state).toBe('done');
    await t.queue.dispose();
  });

  it('skips and leaves the local file as it was', async () => {
    const t = await setup({ action: 'skip' });
    await t.put('keep.txt', 'server');
    await writeFile(join(t.local, 'keep.txt'), 'mine');
    await t.download('keep.txt');
    expect(await text(join(t.local, 'keep.txt'))).toBe('mine');
    expect(t.queue.list()[0]?.state).toBe('skipped');
    expect(await readdir(t.local)).toEqual(['keep.txt']);
    await t.queue.dispose();
  });

  it('renames to a free name and keeps both', async () => {
    const t = await setup({ action: 'rename' });
    await t.put('photo.jpg', 'server photo');
    await writeFile(join(t.local, 'photo.jpg'), 'mine');
    await writeFile(join(t.local, 'photo (1).jpg'), 'an older copy');
    await t.download('photo.jpg');
    expect(await text(join(t.local, 'photo.jpg'))).toBe('mine');
    expect(await text(join(t.local, 'photo (1).jpg'))).toBe('an older copy');
    expect(await text(join(t.local, 'photo (2).jpg'))).toBe('server photo');
    expect(t.queue.list()[0]?.note).toBe('Saved as photo (2).jpg.');
    await t.queue.dispose();
  });

  it('overwrites only a file that is older ("if newer")', async () => {
    const t = await setup({ action: 'overwrite-if-newer' });
    await t.put('old-here.txt', 'server, newer');
    await t.put('new-here.txt', 'server, older');
    await writeFile(join(t.local, 'old-here.txt'), 'local, older');
    await writeFile(join(t.local, 'new-here.txt'), 'local, newer');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(join(t.local, 'old-here.txt'), hourAgo, hourAgo);
    await utimes(t.onServer('new-here.txt'), hourAgo, hourAgo);
    await t.download('old-here.txt', 'new-here.txt');
    expect(await text(join(t.local, 'old-here.txt'))).toBe('server, newer');
    expect(await text(join(t.local, 'new-here.txt'))).toBe('local, newer');
    await t.queue.dispose();
  });

  it('resumes by appending only what the local file lacks', async () => {
    const t = await setup({ action: 'resume' });
    await t.put('movie.bin', 'AAAAAAAAAABBBBBBBBBB');
    // Not the server's first half: a restarted download would overwrite it, a resume keeps it.
    await writeFile(join(t.local, 'movie.bin'), 'xxxxxxxxxx');
    await t.download('movie.bin');
    expect(await text(join(t.local, 'movie.bin'))).toBe('xxxxxxxxxxBBBBBBBBBB');
    expect(t.queue.list()[0]?.state).toBe('done');
    await t.queue.dispose();
  });

  it('"apply to all" answers the rest of the batch without asking again', async () => {
    const t = await setup({ action: 'skip', applyToAll: true });
    const files = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'];
    for (const file of files) {
      await t.put(file, `server ${file}`);
      await writeFile(join(t.local, file), `local ${file}`);
    }
    await t.download(...files);
    expect(t.conflicts).toHaveLength(1);
    for (const file of files) expect(await text(join(t.local, file))).toBe(`local ${file}`);
    expect(t.queue.list().every((row) => row.state === 'skipped')).toBe(true);
    // A later batch asks again.
    await t.put('f.txt', 'server f');
    await writeFile(join(t.local, 'f.txt'), 'local f');
    await t.download('f.txt');
    expect(t.conflicts).toHaveLength(2);
    await t.queue.dispose();
  });

  it('applies the default action from settings without asking', async () => {
    const t = await setup(undefined, 'overwrite');
    await t.put('auto.txt', 'server');
    await writeFile(join(t.local, 'auto.txt'), 'local');
    await t.download('auto.txt');
    expect(t.conflicts).toHaveLength(0);
    expect(await text(join(t.local, 'auto.txt'))).toBe('server');
    await t.queue.dispose();
  });

  it('cancelling a job that waits for an answer closes its question', async () => {
    const t = await setup();
    await t.put('q.txt', 'server');
    await writeFile(join(t.local, 'q.txt'), 'local');
    const [id = ''] = await t.queue.enqueue({
      sessionId: 's',
      direction: 'download',
      items: [{ source: t.remote('q.txt'), targetFolder: t.local }],
    });
    while (t.conflicts.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    t.queue.cancel(id);
    await t.queue.whenIdle();
    const settled = t.events.events.filter((e) => e.name === 'transfer.conflictSettled');
    expect(settled).toEqual([
      { name: 'transfer.conflictSettled', payload: { conflictId: t.conflicts[0]?.conflictId } },
    ]);
    expect(await text(join(t.local, 'q.txt'))).toBe('local');
    expect(() =>
      t.queue.resolveConflict(t.conflicts[0]?.conflictId ?? '', 'overwrite', false),
    ).toThrow(/already answered/);
    await t.queue.dispose();
  });
});

describe('questions still open when the window (re)loads', () => {
  it('are listed oldest first until answered', async () => {
    const t = await setup();
    const handlers = createTransferHandlers({ queue: t.queue });
    for (const file of ['a.txt', 'b.txt']) {
      await t.put(file, 'server');
      await writeFile(join(t.local, file), 'local');
    }
    await t.queue.enqueue({
      sessionId: 's',
      direction: 'download',
      items: ['a.txt', 'b.txt'].map((file) => ({ source: t.remote(file), targetFolder: t.local })),
    });
    while ((await handlers['transfers.conflicts']({})).length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const open = await handlers['transfers.conflicts']({});
    // The first is the one the UI was asked; `waiting` counts what queued up behind it since.
    expect(open[0]).toEqual({ ...t.conflicts[0], waiting: 1 });
    expect(open.map((c) => c.name).sort()).toEqual(['a.txt', 'b.txt']);
    expect(open[1]?.target.path).toBe(join(t.local, open[1]?.name ?? ''));

    await handlers['transfers.resolveConflict']({
      conflictId: open[0]?.conflictId ?? '',
      action: 'skip',
      applyToAll: false,
    });
    expect((await handlers['transfers.conflicts']({})).map((c) => c.conflictId)).toEqual([
      open[1]?.conflictId,
    ]);
    await handlers['transfers.resolveConflict']({
      conflictId: open[1]?.conflictId ?? '',
      action: 'skip',
      applyToAll: false,
    });
    await t.queue.whenIdle();
    expect(await handlers['transfers.conflicts']({})).toEqual([]);
    expect(await text(join(t.local, 'a.txt'))).toBe('local');
    expect(await text(join(t.local, 'b.txt'))).toBe('local');
    await t.queue.dispose();
  });
});

describe('uploads onto an existing file', () => {
  it('renames on the server, keeping the existing file', async () => {
    const t = await setup({ action: 'rename' });
    await t.put('notes.md', 'on the server');
    await writeFile(join(t.local, 'notes.md'), 'from here');
    await t.upload('notes.md');
    expect(await text(t.onServer('notes.md'))).toBe('on the server');
    expect(await text(t.onServer('notes (1).md'))).toBe('from here');
    await t.queue.dispose();
  });

  it('resumes an upload after the bytes the server already has', async () => {
    const t = await setup({ action: 'resume' });
    await t.put('big.bin', 'yyyyyyyyyy');
    await writeFile(join(t.local, 'big.bin'), 'AAAAAAAAAABBBBBBBBBB');
    await t.upload('big.bin');
    expect(await text(t.onServer('big.bin'))).toBe('yyyyyyyyyyBBBBBBBBBB');
    await t.queue.dispose();
  });

  it('overwrites and skips as told', async () => {
    const over = await setup({ action: 'overwrite' });
    await over.put('x.txt', 'old');
    await writeFile(join(over.local, 'x.txt'), 'new content');
    await over.upload('x.txt');
    expect(await text(over.onServer('x.txt'))).toBe('new content');
    await over.queue.dispose();

    const skip = await setup({ action: 'skip' });
    await skip.put('y.txt', 'theirs');
    await writeFile(join(skip.local, 'y.txt'), 'mine');
    await skip.upload('y.txt');
    expect(await text(skip.onServer('y.txt'))).toBe('theirs');
    await skip.queue.dispose();
  });
});
