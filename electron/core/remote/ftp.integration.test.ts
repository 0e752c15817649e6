/**
 * FTP, FTPS explicit (TLS 1.3 and 1.2) and FTPS implicit against real vsftpd servers from the
 * harness: every change is checked on the server's disk, every moved file by SHA-256.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, lstat, readFile, readlink, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { FtpServer } from '../../../e2e/harness/vsftpd';
import type { ConnectionParams } from '../../../shared/types';
import { type FtpRemoteFs, connectFtp } from './ftp';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { depsWith, neverAsked } from './ftp-test-kit';

const harness = harnessForSuite(
  ['ftps-explicit', 'ftps-explicit-tls12', 'ftps-implicit', 'ftp'],
  'ferry-ftp-test-',
);

interface Kind {
  name: string;
  protocol: ConnectionParams['protocol'];
  server: () => FtpServer;
  tlsVersion?: string;
}

const KINDS: Kind[] = [
  {
    name: 'ftps-explicit',
    protocol: 'ftps-explicit',
    server: () => harness.servers.ftpsExplicit!,
    tlsVersion: 'TLSv1.3',
  },
  {
    name: 'ftps-explicit-tls12',
    protocol: 'ftps-explicit',
    server: () => harness.servers.ftpsExplicitTls12!,
    tlsVersion: 'TLSv1.2',
  },
  {
    name: 'ftps-implicit',
    protocol: 'ftps-implicit',
    server: () => harness.servers.ftpsImplicit!,
    tlsVersion: 'TLSv1.3',
  },
  { name: 'ftp', protocol: 'ftp', server: () => harness.servers.ftp! },
];

describe.each(KINDS)('$name', (kind) => {
  const base = `/${kind.name}`;
  const disk = (path: string) => harness.servers.fixtures.abs(`${kind.name}${path}`);
  const deps = depsWith(neverAsked);
  let remote: FtpRemoteFs;

  beforeAll(async () => {
    const f = harness.servers.fixtures;
    await f.writeFile(`${kind.name}/tree/with space/ünïcödé 文件.txt`, 'bonjour\n');
    await f.mkdir(`${kind.name}/tree/empty folder`);
    await f.writeFile(`${kind.name}/tree/zero.bin`, '');
    await f.writeFile(`${kind.name}/tree/.hidden`, 'h');
    await f.symlink('with space', `${kind.name}/tree/link to folder`);
    remote = await connectFtp(
      {
        protocol: kind.protocol,
        host: '127.0.0.1',
        port: kind.server().port,
        user: harness.servers.user.name,
        password: harness.servers.user.password,
        plainFtpAcknowledged: true,
      },
      deps,
      { extraCa: [harness.servers.ca.certPem] },
    );
  });
  afterAll(async () => {
    await remote?.close();
  });

  it('connects, lands in "/" and shows the server greeting', async () => {
    expect(await remote.home()).toBe('/');
    expect(remote.serverBanner).toMatch(/^220 .*vsFTPd/);
  });

  it('lists spaces, Unicode, a symlink, an empty folder, a hidden and a 0-byte file', async () => {
    const listing = await remote.list(`${base}/tree`);
    const byName = new Map(listing.entries.map((e) => [e.name, e]));
    expect([...byName.keys()].sort()).toEqual(
      ['.hidden', 'empty folder', 'link to folder', 'with space', 'zero.bin'].sort(),
    );
    expect(byName.get('with space')).toMatchObject({ kind: 'folder', hidden: false });
    expect(byName.get('empty folder')).toMatchObject({ kind: 'folder' });
    expect(byName.get('link to folder')).toMatchObject({
      kind: 'symlink',
      target: 'with space',
      targetKind: 'folder',
    });
    expect(byName.get('zero.bin')).toMatchObject({ kind: 'file', size: 0 });
    expect(byName.get('.hidden')).toMatchObject({ kind: 'file', size: 1, hidden: true });
    const minuteAgo = Date.now() - 2 * 60_000;
    expect(byName.get('zero.bin')?.modified).toBeGreaterThan(minuteAgo);

    const inner = await remote.list(`${base}/tree/with space`);
    expect(inner.entries.map((e) => [e.name, e.size])).toEqual([['ünïcödé 文件.txt', 8]]);
    expect((await remote.list(`${base}/tree/empty folder`)).entries).toEqual([]);
  });

  it('creates nested folders (mkdir -p), twice without complaint', async () => {
    await remote.mkdir(`${base}/made/a b/ç/d`);
    await remote.mkdir(`${base}/made/a b/ç/d`);
    expect((await stat(disk('/made/a b/ç/d'))).isDirectory()).toBe(true);
    await harness.servers.fixtures.writeFile(`${kind.name}/made/file`, 'x');
    await expect(remote.mkdir(`${base}/made/file`)).rejects.toMatchObject({
      code: 'already_exists',
    });
  });

  it('renames, and refuses to rename onto an existing name', async () => {
    await harness.servers.fixtures.writeFile(`${kind.name}/ren/old name.txt`, 'r');
    await harness.servers.fixtures.writeFile(`${kind.name}/ren/taken.txt`, 't');
    await remote.rename(`${base}/ren/old name.txt`, `${base}/ren/new näme.txt`);
    expect(await readFile(disk('/ren/new näme.txt'), 'utf8')).toBe('r');
    await expect(lstat(disk('/ren/old name.txt'))).rejects.toThrow();
    await expect(
      remote.rename(`${base}/ren/new näme.txt`, `${base}/ren/taken.txt`),
    ).rejects.toMatchObject({ code: 'already_exists' });
    expect(await readFile(disk('/ren/taken.txt'), 'utf8')).toBe('t');
    await expect(remote.rename(`${base}/ren/ghost`, `${base}/ren/x`)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('deletes a folder tree without following a symlink out of it', async () => {
    const f = harness.servers.fixtures;
    await f.writeFile(`${kind.name}/keep/precious.txt`, 'keep me');
    await f.writeFile(`${kind.name}/doomed/a/b/deep.txt`, 'd');
    await f.writeFile(`${kind.name}/doomed/top.txt`, 't');
    await f.mkdir(`${kind.name}/doomed/empty`);
    await f.symlink('../keep', `${kind.name}/doomed/a/escape`);
    await remote.deleteFolder(`${base}/doomed`);
    await expect(lstat(disk('/doomed'))).rejects.toThrow();
    expect(await readFile(disk('/keep/precious.txt'), 'utf8')).toBe('keep me');
    await expect(remote.deleteFolder(`${base}/doomed`)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('deletes a symlink itself, never its target', async () => {
    await harness.servers.fixtures.writeFile(`${kind.name}/target-dir/stay.txt`, 's');
    await harness.servers.fixtures.symlink('target-dir', `${kind.name}/lonely-link`);
    await remote.deleteFolder(`${base}/lonely-link`);
    await expect(readlink(disk('/lonely-link'))).rejects.toThrow();
    expect(await readFile(disk('/target-dir/stay.txt'), 'utf8')).toBe('s');
  });

  it('looks up a file by SIZE and MDTM: exact size, time to the second, no folder listing', async () => {
    const when = new Date('2021-03-04T05:06:07Z');
    for (let i = 0; i < 30; i++)
      await harness.servers.fixtures.writeFile(`${kind.name}/crowd/f${i}`, 'f');
    const path = await harness.servers.fixtures.writeFile(
      `${kind.name}/crowd/dated.txt`,
      'twelve bytes',
    );
    await utimes(path, when, when);
    const before = deps.log.lines.length;
    expect(await remote.stat(`${base}/crowd/dated.txt`)).toMatchObject({
      name: 'dated.txt',
      kind: 'file',
      size: 12,
      // A listing shows an old file's date only to the day ("Mar  4  2021").
      modified: when.getTime(),
    });
    const commands = deps.log.lines
      .slice(before)
      .filter((line) => line.level === 'command')
      .map((line) => line.text.split(' ')[0]);
    expect(commands).toEqual(['SIZE', 'MDTM']);
    // Folders, links to folders and missing names still come from the parent's listing.
    expect(await remote.stat(`${base}/tree/with space`)).toMatchObject({ kind: 'folder' });
    expect(await remote.stat(`${base}/tree/link to folder`)).toMatchObject({ kind: 'symlink' });
    expect(await remote.stat(`${base}/crowd/nothing.txt`)).toBeNull();
  });

  it('changes permissions (SITE CHMOD)', async () => {
    await harness.servers.fixtures.writeFile(`${kind.name}/perm.txt`, 'p');
    await remote.chmod(`${base}/perm.txt`, 0o640);
    expect((await stat(disk('/perm.txt'))).mode & 0o7777).toBe(0o640);
    const listed = (await remote.list(base)).entries.find((entry) => entry.name === 'perm.txt');
    expect(listed).toMatchObject({ kind: 'file', mode: 0o640 });
    await expect(remote.chmod(`${base}/nope.txt`, 0o600)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('uploads and downloads a 0-byte file and a 4 MiB file, byte for byte', async () => {
    const big = randomBytes(4 * 1024 * 1024 + 123);
    const bigLocal = join(harness.scratch, `${kind.name}-big.bin`);
    await writeFile(bigLocal, big);
    const emptyLocal = join(harness.scratch, `${kind.name}-empty.bin`);
    await writeFile(emptyLocal, '');

    const progress: number[] = [];
    await remote.upload(createReadStream(bigLocal), `${base}/big.bin`, {
      onBytes: (n) => progress.push(n),
    });
    await remote.upload(createReadStream(emptyLocal), `${base}/empty.bin`);
    await remote.upload(Readable.from([]), `${base}/empty-stream.bin`);
    expect(await sha256File(disk('/big.bin'))).toBe(sha256(big));
    expect((await stat(disk('/empty.bin'))).size).toBe(0);
    expect((await stat(disk('/empty-stream.bin'))).size).toBe(0);
    expect(progress.at(-1)).toBe(big.length);

    for (const [name, expected] of [
      ['big.bin', sha256(big)],
      ['empty.bin', sha256(Buffer.alloc(0))],
    ] as const) {
      const local = join(harness.scratch, `${kind.name}-down-${name}`);
      const target = createWriteStream(local);
      await remote.download(`${base}/${name}`, target);
      await finished(target);
      expect(await sha256File(local)).toBe(expected);
    }
  });

  it('uploads with the mode asked for', async () => {
    await remote.upload(Readable.from([Buffer.from('#!/bin/sh\n')]), `${base}/run.sh`, {
      mode: 0o750,
    });
    expect((await stat(disk('/run.sh'))).mode & 0o777).toBe(0o750);
  });

  it('sends SITE CHMOD only where a new file would not get the wanted mode anyway', async () => {
    const sent = (prefix: string) =>
      deps.log.lines.filter((l) => l.level === 'command' && l.text.startsWith(prefix)).length;
    const [chmods, stats] = [sent('SITE CHMOD'), sent('STAT')];
    const put = (name: string, mode: number, fresh: boolean) =>
      remote.upload(Readable.from([Buffer.from(name)]), `${base}/modes/${name}`, { mode, fresh });
    await remote.mkdir(`${base}/modes`);
    // This vsftpd creates files 0644 (local_umask=022): looked at once, then trusted.
    for (const name of ['a', 'b', 'c']) await put(name, 0o644, true);
    await put('run.sh', 0o750, true);
    await put('private', 0o600, true);
    expect(sent('STAT') - stats).toBe(1);
    expect(sent('SITE CHMOD') - chmods).toBe(2);
    // A replaced file keeps its old mode on the server: always changed.
    await chmod(disk('/modes/a'), 0o600);
    await put('a', 0o644, false);
    expect(sent('SITE CHMOD') - chmods).toBe(3);
    const modes = async (name: string) => (await stat(disk(`/modes/${name}`))).mode & 0o7777;
    expect(await Promise.all(['a', 'b', 'c', 'run.sh', 'private'].map(modes))).toEqual([
      0o644, 0o644, 0o644, 0o750, 0o600,
    ]);
  });

  it('resumes an upload (APPE) and a download (REST) from an offset', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const cut = 1024 * 1024 + 5;
    await remote.upload(Readable.from([data.subarray(0, cut)]), `${base}/resume.bin`);
    await remote.upload(Readable.from([data.subarray(cut)]), `${base}/resume.bin`, {
      offset: cut,
    });
    expect(await sha256File(disk('/resume.bin'))).toBe(sha256(data));

    const chunks: Buffer[] = [];
    const tail = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await remote.download(`${base}/resume.bin`, tail, { offset: cut });
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(data.subarray(cut)));

    await expect(
      remote.upload(Readable.from([Buffer.from('x')]), `${base}/resume.bin`, { offset: 5 }),
    ).rejects.toMatchObject({ code: 'size_mismatch' });
    expect(await sha256File(disk('/resume.bin'))).toBe(sha256(data));
  });

  it('reports missing things as not_found, an unreadable folder as permission_denied', async () => {
    await harness.servers.fixtures.makeUnreadable(`${kind.name}/locked`);
    await expect(remote.list(`${base}/locked`)).rejects.toMatchObject({
      code: 'permission_denied',
    });
    await expect(remote.list(`${base}/no such folder`)).rejects.toMatchObject({
      code: 'not_found',
    });
    const sink = createWriteStream(join(harness.scratch, `${kind.name}-missing`));
    await expect(remote.download(`${base}/missing.bin`, sink)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(remote.stat(`${base}/missing.bin`)).resolves.toBeNull();
    // The session is still usable after these refusals.
    expect((await remote.list(`${base}/tree`)).entries.length).toBeGreaterThan(0);
  });

  it('sets a modification time on vsftpd (no MFMT: MDTM with a time), to the second', async () => {
    await harness.servers.fixtures.writeFile(`${kind.name}/t.txt`, 't');
    const when = new Date('2020-01-02T03:04:05Z');
    expect(await remote.setModified(`${base}/t.txt`, when)).toBe(true);
    expect((await stat(disk('/t.txt'))).mtime.toISOString()).toBe(when.toISOString());
    expect((await remote.stat(`${base}/t.txt`))?.modified).toBe(when.getTime());
    await expect(remote.setModified(`${base}/no such file`, when)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it.runIf(kind.tlsVersion !== undefined)(
    'protects every data connection with the reused TLS session',
    async () => {
      const log = await readFile(kind.server().logPath, 'utf8');
      const sslLines = log.split('\n').filter((line) => line.includes('SSL version:'));
      const reused = sslLines.filter((line) => /, reused,/.test(line));
      // One data connection per listing, transfer, and a few explanations: far more than 10.
      expect(reused.length).toBeGreaterThan(10);
      expect(sslLines.every((line) => line.includes(`SSL version: ${kind.tlsVersion}`))).toBe(true);
      // Lines of logged-in sessions only: the harness's readiness probe (a bare TCP connect to
      // the implicit port) leaves an "SSL_accept failed" of its own.
      const ours = log.split('\n').filter((line) => line.includes('[ferrytest]'));
      expect(
        ours.filter((line) => /session reuse required|SSL_accept failed|OOPS/.test(line)),
      ).toEqual([]);
    },
  );

  it('never writes the password to the session log', () => {
    const text = deps.log.lines.map((line) => line.text).join('\n');
    expect(text).toContain('USER ferrytest');
    expect(text).toMatch(/PASS \*+/);
    expect(text).not.toContain(harness.servers.user.password);
  });

  it('disconnects: onClose fires and later calls say the session is gone', async () => {
    const closed: (string | undefined)[] = [];
    remote.onClose((reason) => closed.push(reason));
    await remote.close();
    await remote.close();
    expect(closed).toHaveLength(1);
    await expect(remote.list('/')).rejects.toMatchObject({ code: 'session_not_found' });
  });
});
