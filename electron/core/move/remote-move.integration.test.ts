/**
 * Moving items within one server, against real servers (OpenSSH's SFTP, vsftpd with explicit
 * FTPS and plain FTP): files and folders arrive whole (checksums), a taken name is asked about
 * and replaced only when answered so, a folder never goes into itself, and a refusal by the
 * server is said in words while the other items still move.
 */
import { chmod, readdir, readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { RemoteFs } from '../remote/remote-fs';
import { connectTo, remoteRoot, type ProtocolKind } from '../transfers/testing';
import { moveRemote } from './remote-move';

const KINDS = ['sftp', 'ftps-explicit', 'ftp'] as const satisfies readonly ProtocolKind[];
const harness = harnessForSuite(KINDS);

describe.each(KINDS)('moving on the server over %s', (kind) => {
  let fs: RemoteFs;
  let folder: string;
  let n = 0;
  beforeEach(async () => {
    n += 1;
    folder = `move-${kind}-${n}`;
    await harness.servers.fixtures.mkdir(`${folder}/dest`);
    fs = await connectTo(harness.servers, kind);
  });
  afterEach(async () => {
    await fs.close();
  });

  const remote = (rel: string) => posix.join(remoteRoot(harness.servers, kind), folder, rel);
  const disk = (rel: string) => harness.servers.fixtures.abs(`${folder}/${rel}`);
  const put = (rel: string, data: string) =>
    harness.servers.fixtures.writeFile(`${folder}/${rel}`, data);
  const sumOf = async (rel: string) => sha256(await readFile(disk(rel)));

  it('moves files and a folder with its contents into another folder', async () => {
    await put('report.pdf', 'pdf bytes '.repeat(5000));
    await put('photos/a.jpg', 'jpeg one');
    await put('photos/deep/b.jpg', 'jpeg two');
    const sums = [sha256('pdf bytes '.repeat(5000)), sha256('jpeg one'), sha256('jpeg two')];

    const result = await moveRemote(fs, {
      paths: [remote('report.pdf'), remote('photos')],
      folder: remote('dest'),
      replace: [],
    });

    expect(result.items.map((i) => i.outcome)).toEqual(['moved', 'moved']);
    expect(result.items[1]).toMatchObject({ to: remote('dest/photos') });
    expect(await readdir(disk('.'))).toEqual(['dest']);
    expect([
      await sumOf('dest/report.pdf'),
      await sumOf('dest/photos/a.jpg'),
      await sumOf('dest/photos/deep/b.jpg'),
    ]).toEqual(sums);
  });

  it('asks before replacing a file of the same name, moving nothing until answered', async () => {
    await put('notes.txt', 'the new notes');
    await put('todo.txt', 'todo');
    await put('dest/notes.txt', 'the old notes');
    const paths = [remote('notes.txt'), remote('todo.txt')];

    const asked = await moveRemote(fs, { paths, folder: remote('dest'), replace: [] });
    expect(asked.items).toEqual([
      { from: remote('notes.txt'), outcome: 'clash', to: remote('dest/notes.txt') },
      { from: remote('todo.txt'), outcome: 'ready', to: remote('dest/todo.txt') },
    ]);
    expect(await sumOf('dest/notes.txt')).toBe(sha256('the old notes'));
    expect(await sumOf('notes.txt')).toBe(sha256('the new notes'));
    expect(await sumOf('todo.txt')).toBe(sha256('todo'));

    const replaced = await moveRemote(fs, {
      paths,
      folder: remote('dest'),
      replace: [remote('notes.txt')],
    });
    expect(replaced.items).toEqual([
      { from: remote('notes.txt'), outcome: 'moved', to: remote('dest/notes.txt') },
      { from: remote('todo.txt'), outcome: 'moved', to: remote('dest/todo.txt') },
    ]);
    expect(await sumOf('dest/notes.txt')).toBe(sha256('the new notes'));
    expect(await sumOf('dest/todo.txt')).toBe(sha256('todo'));
    // Nothing left beside them: the old file was renamed aside, then deleted.
    expect(await readdir(disk('dest'))).toEqual(['notes.txt', 'todo.txt']);
    expect(await readdir(disk('.'))).toEqual(['dest']);
  });

  it('keeps the old file whole when the server refuses the move that would replace it', async () => {
    await put('locked/notes.txt', 'the new notes');
    await put('dest/notes.txt', 'the old notes');
    await chmod(disk('locked'), 0o555); // the test user may not take anything out of it
    try {
      const result = await moveRemote(fs, {
        paths: [remote('locked/notes.txt')],
        folder: remote('dest'),
        replace: [remote('locked/notes.txt')],
      });
      expect(result.items[0]).toMatchObject({
        outcome: 'failed',
        error: { code: 'permission_denied' },
      });
      expect(await sumOf('dest/notes.txt')).toBe(sha256('the old notes'));
      expect(await readdir(disk('dest'))).toEqual(['notes.txt']);
      expect(await sumOf('locked/notes.txt')).toBe(sha256('the new notes'));
    } finally {
      await chmod(disk('locked'), 0o755);
    }
  });

  it('refuses a folder of that name in words, and never merges folders', async () => {
    await put('photos/a.jpg', 'mine');
    await put('dest/photos/b.jpg', 'theirs');
    const result = await moveRemote(fs, {
      paths: [remote('photos')],
      folder: remote('dest'),
      replace: [remote('photos')],
    });
    expect(result.items[0]).toMatchObject({
      outcome: 'failed',
      error: {
        code: 'already_exists',
        message: `A folder named "photos" is already in ${remote('dest')}.`,
      },
    });
    expect(await readdir(disk('dest/photos'))).toEqual(['b.jpg']);
    expect(await readdir(disk('photos'))).toEqual(['a.jpg']);
  });

  it('refuses to move a folder into itself or its own subfolder, and still moves the rest', async () => {
    await put('photos/sub/a.jpg', 'jpeg');
    await put('list.txt', 'list');
    const intoSub = await moveRemote(fs, {
      paths: [remote('photos'), remote('list.txt')],
      folder: remote('photos/sub'),
      replace: [],
    });
    expect(intoSub.items[0]).toMatchObject({
      outcome: 'failed',
      error: {
        code: 'forbidden',
        message: 'The folder "photos" cannot be moved into itself or into a folder inside it.',
      },
    });
    expect(intoSub.items[1]).toMatchObject({ outcome: 'moved' });
    expect(await sumOf('photos/sub/list.txt')).toBe(sha256('list'));

    const intoItself = await moveRemote(fs, {
      paths: [remote('photos')],
      folder: remote('photos'),
      replace: [],
    });
    expect(intoItself.items[0]).toMatchObject({ outcome: 'failed', error: { code: 'forbidden' } });
    expect(await sumOf('photos/sub/a.jpg')).toBe(sha256('jpeg'));
  });

  it('says in words when the server refuses, and moves the items it allows', async () => {
    await put('locked/keep.txt', 'keep');
    await put('free.txt', 'free');
    await chmod(disk('locked'), 0o555);
    try {
      const result = await moveRemote(fs, {
        paths: [remote('locked/keep.txt'), remote('free.txt')],
        folder: remote('dest'),
        replace: [],
      });
      const [refused, moved] = result.items;
      expect(refused).toMatchObject({ outcome: 'failed', error: { code: 'permission_denied' } });
      if (refused?.outcome === 'failed') {
        expect(refused.error.message).toBe(
          `The server does not allow you to move "keep.txt" from ${remote('locked')} to ${remote('dest')}.`,
        );
        expect(refused.error.hint).toBeTruthy();
      }
      expect(moved).toMatchObject({ outcome: 'moved' });
      expect(await sumOf('locked/keep.txt')).toBe(sha256('keep'));
      expect(await sumOf('dest/free.txt')).toBe(sha256('free'));
    } finally {
      await chmod(disk('locked'), 0o755);
    }
  });

  it('leaves an item already in the target folder alone, and refuses a target that is missing', async () => {
    await put('dest/here.txt', 'here');
    const result = await moveRemote(fs, {
      paths: [remote('dest/here.txt')],
      folder: remote('dest'),
      replace: [],
    });
    expect(result.items).toEqual([{ from: remote('dest/here.txt'), outcome: 'unchanged' }]);
    await expect(
      moveRemote(fs, { paths: [remote('dest/here.txt')], folder: remote('nowhere'), replace: [] }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await sumOf('dest/here.txt')).toBe(sha256('here'));
  });
});
