import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { RemoteFs } from './remote-fs';
import { connectSftp } from './sftp';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { chunked, sftpParams, testDeps } from './sftp-testing';

const harness = harnessForSuite(['sftp'], 'ferry-sftp-test-');
let fs: RemoteFs;
const at = (rel: string): string => `${harness.servers.root}/${rel}`;

beforeAll(async () => {
  fs = await connectSftp(sftpParams(harness.servers), testDeps(harness.servers));
});
afterAll(async () => {
  await fs?.close();
});

describe('logging in', () => {
  it('with a password lands in the login folder and says what the server is', async () => {
    expect(await fs.home()).toBe(harness.servers.root);
    expect(fs.serverBanner).toMatch(/^SSH-2\.0-OpenSSH/);
  });

  it('with the encrypted key and its passphrase (no password)', async () => {
    const { privateKeyPath, passphrase } = harness.servers.clientKey;
    const byKey = await connectSftp(
      sftpParams(harness.servers, { password: undefined, privateKeyPath, passphrase }),
      testDeps(harness.servers),
    );
    expect(await byKey.home()).toBe(harness.servers.root);
    await byKey.close();
  });

  it('with an unencrypted key', async () => {
    const byKey = await connectSftp(
      sftpParams(harness.servers, {
        password: undefined,
        privateKeyPath: harness.servers.clientKey.unencryptedPrivateKeyPath,
      }),
      testDeps(harness.servers),
    );
    expect((await byKey.list(harness.servers.root)).path).toBe(harness.servers.root);
    await byKey.close();
  });
});

describe('listing', () => {
  it('shows names with spaces and Unicode, links, empty folders and empty files as they are', async () => {
    await harness.servers.fixtures.writeFile('tree/with space.txt', 'twelve bytes');
    await harness.servers.fixtures.writeFile('tree/Ünïcödé 日本.md', 'ü');
    await harness.servers.fixtures.writeFile('tree/empty.bin', '');
    await harness.servers.fixtures.writeFile('tree/.hidden', 'x');
    await harness.servers.fixtures.mkdir('tree/empty folder');
    await harness.servers.fixtures.symlink('empty folder', 'tree/link to folder');
    await harness.servers.fixtures.symlink('/nonexistent/target', 'tree/broken link');

    const listing = await fs.list(at('tree'));
    expect(listing.path).toBe(at('tree'));
    const byName = new Map(listing.entries.map((e) => [e.name, e]));
    expect([...byName.keys()].sort()).toEqual(
      [
        '.hidden',
        'Ünïcödé 日本.md',
        'broken link',
        'empty folder',
        'empty.bin',
        'link to folder',
        'with space.txt',
      ].sort(),
    );
    expect(byName.get('with space.txt')).toMatchObject({ kind: 'file', size: 12, hidden: false });
    expect(byName.get('Ünïcödé 日本.md')).toMatchObject({ kind: 'file', size: 2 });
    expect(byName.get('empty.bin')).toMatchObject({ kind: 'file', size: 0 });
    expect(byName.get('.hidden')).toMatchObject({ kind: 'file', hidden: true });
    expect(byName.get('empty folder')).toMatchObject({ kind: 'folder', size: 0 });
    expect(byName.get('link to folder')).toMatchObject({
      kind: 'symlink',
      target: 'empty folder',
      targetKind: 'folder',
    });
    const broken = byName.get('broken link');
    expect(broken).toMatchObject({ kind: 'symlink', target: '/nonexistent/target' });
    expect(broken?.targetKind).toBeUndefined();

    const file = byName.get('with space.txt');
    const onDisk = await stat(at('tree/with space.txt'));
    expect(file?.mode).toBe(onDisk.mode & 0o7777);
    expect(file?.modified).toBe(Math.floor(onDisk.mtimeMs / 1000) * 1000);
    expect(file).toMatchObject({
      owner: harness.servers.user.name,
      group: harness.servers.user.name,
    });
  });

  it('stat tells a missing path (null) from a file, a folder and a link', async () => {
    await harness.servers.fixtures.writeFile('stat/file.txt', 'abc');
    await harness.servers.fixtures.symlink('file.txt', 'stat/link');
    expect(await fs.stat(at('stat/nothing here'))).toBeNull();
    expect(await fs.stat(at('stat/file.txt'))).toMatchObject({ name: 'file.txt', kind: 'file' });
    expect(await fs.stat(at('stat'))).toMatchObject({ name: 'stat', kind: 'folder' });
    expect(await fs.stat(at('stat/link'))).toMatchObject({ kind: 'symlink', targetKind: 'file' });
  });

  it('an unreadable folder is permission_denied, a missing one not_found', async () => {
    await harness.servers.fixtures.makeUnreadable('locked');
    await expect(fs.list(at('locked'))).rejects.toMatchObject({ code: 'permission_denied' });
    await expect(fs.list(at('no such folder'))).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('changing things', () => {
  it('mkdir creates missing parents, accepts an existing folder, refuses a file in the way', async () => {
    await fs.mkdir(at('made/deep/er'));
    expect((await stat(at('made/deep/er'))).isDirectory()).toBe(true);
    await fs.mkdir(at('made/deep'));
    await harness.servers.fixtures.writeFile('made/a file', 'x');
    await expect(fs.mkdir(at('made/a file'))).rejects.toMatchObject({ code: 'already_exists' });
  });

  it('rename moves on disk and refuses to replace what exists', async () => {
    await harness.servers.fixtures.writeFile('ren/old name.txt', 'one');
    await harness.servers.fixtures.writeFile('ren/taken.txt', 'two');
    await fs.rename(at('ren/old name.txt'), at('ren/new name.txt'));
    expect(await readFile(at('ren/new name.txt'), 'utf8')).toBe('one');
    await expect(lstat(at('ren/old name.txt'))).rejects.toMatchObject({ code: 'ENOENT' });

    await expect(fs.rename(at('ren/new name.txt'), at('ren/taken.txt'))).rejects.toMatchObject({
      code: 'already_exists',
    });
    expect(await readFile(at('ren/taken.txt'), 'utf8')).toBe('two');
    expect(await readFile(at('ren/new name.txt'), 'utf8')).toBe('one');
  });

  it('deleting a folder removes everything below it but never what a link points to', async () => {
    const outside = await harness.servers.fixtures.writeFile('keep/precious.txt', 'do not delete');
    await harness.servers.fixtures.writeFile('doomed/a.txt', 'a');
    await harness.servers.fixtures.writeFile('doomed/sub/b.txt', 'b');
    await harness.servers.fixtures.mkdir('doomed/sub/empty');
    await harness.servers.fixtures.symlink(
      join(harness.servers.root, 'keep'),
      'doomed/sub/link to keep',
    );
    await harness.servers.fixtures.symlink(outside, 'doomed/link to file');

    await fs.deleteFolder(at('doomed'));
    await expect(lstat(at('doomed'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(outside, 'utf8')).toBe('do not delete');
  });

  it('deleteFolder on a link to a folder removes only the link', async () => {
    await harness.servers.fixtures.writeFile('kept/inside.txt', 'x');
    await harness.servers.fixtures.symlink(at('kept'), 'link-to-kept');
    await fs.deleteFolder(at('link-to-kept'));
    await expect(lstat(at('link-to-kept'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(at('kept/inside.txt'), 'utf8')).toBe('x');
  });

  it('deleteFile removes a file; a missing one is not_found', async () => {
    await harness.servers.fixtures.writeFile('del/file.txt', 'x');
    await fs.deleteFile(at('del/file.txt'));
    await expect(lstat(at('del/file.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(fs.deleteFile(at('del/file.txt'))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('chmod changes the permission bits on disk', async () => {
    await harness.servers.fixtures.writeFile('perm/script.sh', '#!/bin/sh\n');
    await fs.chmod(at('perm/script.sh'), 0o750);
    expect((await stat(at('perm/script.sh'))).mode & 0o7777).toBe(0o750);
  });

  it('setModified sets the modification time on disk', async () => {
    await harness.servers.fixtures.writeFile('time/f.txt', 'x');
    const when = new Date('2021-03-04T05:06:07Z');
    expect(await fs.setModified(at('time/f.txt'), when)).toBe(true);
    expect((await stat(at('time/f.txt'))).mtime.getTime()).toBe(when.getTime());
  });
});

describe('moving files', () => {
  const data = randomBytes(9 * 1024 * 1024 + 12_345);

  it('uploads and downloads byte for byte, reporting progress; new files are 0644', async () => {
    await harness.servers.fixtures.mkdir('xfer');
    const remote = at('xfer/round trip.bin');
    const progress: number[] = [];
    await fs.upload(chunked(data), remote, { onBytes: (n) => progress.push(n) });
    expect(sha256(await readFile(remote))).toBe(sha256(data));
    expect(progress.at(-1)).toBe(data.length);
    expect((await stat(remote)).mode & 0o777).toBe(0o644);

    const local = join(harness.scratch, 'round trip.bin');
    let lastProgress = 0;
    await fs.download(remote, createWriteStream(local), {
      onBytes: (n) => {
        lastProgress = n;
      },
    });
    // download resolves only after the local file is complete on disk.
    expect(await sha256File(local)).toBe(sha256(data));
    expect(lastProgress).toBe(data.length);
  });

  it('uploads an empty file and one with a chosen mode', async () => {
    await fs.upload(Readable.from([]), at('xfer/empty'));
    expect((await stat(at('xfer/empty'))).size).toBe(0);
    await fs.upload(Readable.from([Buffer.from('secret')]), at('xfer/private'), { mode: 0o600 });
    expect((await stat(at('xfer/private'))).mode & 0o777).toBe(0o600);
  });

  it('resumes an upload and a download from an offset', async () => {
    const remote = at('xfer/resumed.bin');
    const cut = 3 * 1024 * 1024 + 7;
    await fs.upload(chunked(data.subarray(0, cut)), remote);
    await fs.upload(chunked(data.subarray(cut)), remote, { offset: cut });
    expect(sha256(await readFile(remote))).toBe(sha256(data));

    const local = join(harness.scratch, 'resumed.bin');
    await writeFile(local, data.subarray(0, cut));
    await fs.download(remote, createWriteStream(local, { flags: 'a' }), { offset: cut });
    expect(await sha256File(local)).toBe(sha256(data));
  });

  it('a download of a missing file is not_found and leaves the target stream closed', async () => {
    const target = createWriteStream(join(harness.scratch, 'never.bin'));
    await expect(fs.download(at('xfer/missing.bin'), target)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(target.destroyed).toBe(true);
  });

  it('a full local disk is disk_full, not a connection problem', async () => {
    const remote = await harness.servers.fixtures.writeFile(
      'xfer/for-full-disk.bin',
      randomBytes(2_000_000),
    );
    const fullDisk = new Writable({
      write: (_chunk, _encoding, done) =>
        done(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
    });
    await expect(fs.download(remote, fullDisk)).rejects.toMatchObject({ code: 'disk_full' });
    // The connection is fine afterwards.
    expect((await fs.list(at('xfer'))).entries.length).toBeGreaterThan(0);
  });

  it('an unreadable local file is permission_denied for the upload', async () => {
    const source = new Readable({
      read() {
        this.destroy(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
      },
    });
    await expect(fs.upload(source, at('xfer/unreadable-source.bin'))).rejects.toMatchObject({
      code: 'permission_denied',
      message: /on this computer/,
    });
  });

  it('destroying the stream cancels a transfer (cancelled), and the session carries on', async () => {
    const endless = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024));
      },
    });
    await expect(
      fs.upload(endless, at('xfer/cancelled-upload.bin'), {
        onBytes: (n) => n > 2 * 1024 * 1024 && endless.destroy(),
      }),
    ).rejects.toMatchObject({ code: 'cancelled' });

    const remote = at('xfer/round trip.bin');
    const target = createWriteStream(join(harness.scratch, 'cancelled.bin'));
    await expect(
      fs.download(remote, target, { onBytes: (n) => n > 1024 * 1024 && target.destroy() }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(await fs.stat(remote)).toMatchObject({ kind: 'file' });
  });

  it('an upload into a folder it may not write is permission_denied', async () => {
    await harness.servers.fixtures.makeUnreadable('no-write');
    await expect(
      fs.upload(Readable.from([Buffer.from('x')]), at('no-write/file.txt')),
    ).rejects.toMatchObject({ code: 'permission_denied' });
  });
});

describe('disconnecting', () => {
  it('closes, tells listeners without a failure reason, and refuses later calls', async () => {
    const session = await connectSftp(sftpParams(harness.servers), testDeps(harness.servers));
    const reasons: (string | undefined)[] = [];
    session.onClose((reason) => reasons.push(reason));
    await session.close();
    await session.close(); // twice is fine
    expect(reasons).toEqual([undefined]);
    await expect(session.list(harness.servers.root)).rejects.toMatchObject({
      code: 'connection_lost',
    });
  });
});
