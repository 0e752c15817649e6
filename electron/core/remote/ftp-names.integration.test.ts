/**
 * A site's file name encoding against the real vsftpd: files whose names on the server's disk
 * are Windows-1252 or Shift_JIS bytes are listed by their names, downloaded (SHA-256), renamed,
 * deleted, and new names arrive as exactly that encoding's bytes.
 */
import { randomBytes } from 'node:crypto';
import { lchown, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { NameEncoding } from '../../../shared/name-encodings';
import { type FtpRemoteFs, connectFtp } from './ftp';
import { depsWith, neverAsked } from './ftp-test-kit';

const harness = harnessForSuite(['ftps-explicit'], 'ferry-ftp-names-');

const CAFE = Buffer.from('café.txt', 'latin1'); // 63 61 66 E9 ...: Windows-1252
const HYO = Buffer.from([0x95, 0x5c, 0x2e, 0x74, 0x78, 0x74]); // 表.txt: trail byte 0x5C
const SOFUTO = Buffer.from([0x83, 0x5c, 0x83, 0x74, 0x83, 0x67]); // ソフト (ソ = 83 5C)

/** A server-side path from parts that are text (UTF-8) or exact bytes. */
function onDisk(...parts: (string | Buffer)[]): Buffer {
  const bytes = parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part));
  return Buffer.concat([Buffer.from(harness.servers.root), ...bytes]);
}

/** Makes a file or folder whose on-disk name is exactly `name` (bytes), owned by the test user. */
async function serverEntry(folder: string, name: Buffer, content?: Buffer): Promise<void> {
  const owner = await stat(harness.servers.root);
  await mkdir(onDisk(folder), { recursive: true });
  await lchown(onDisk(folder), owner.uid, owner.gid);
  const path = onDisk(folder, '/', name);
  if (content) await writeFile(path, content);
  else await mkdir(path);
  await lchown(path, owner.uid, owner.gid);
}

/** Whether a server folder holds an entry named exactly `name` (bytes). */
async function holds(folder: Buffer, name: Buffer): Promise<boolean> {
  const names = await readdir(folder, { encoding: 'buffer' });
  return names.some((candidate) => candidate.equals(name));
}

async function open(nameEncoding: NameEncoding): Promise<FtpRemoteFs> {
  return connectFtp(
    {
      protocol: 'ftps-explicit',
      host: '127.0.0.1',
      port: harness.servers.ftpsExplicit!.port,
      user: harness.servers.user.name,
      password: harness.servers.user.password,
      nameEncoding,
    },
    depsWith(neverAsked),
    { extraCa: [harness.servers.ca.certPem] },
  );
}

async function downloaded(remote: FtpRemoteFs, path: string, local: string): Promise<string> {
  const target = createWriteStream(local);
  await remote.download(path, target);
  await finished(target);
  return sha256File(local);
}

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('Windows-1252', () => {
  const content = randomBytes(70_000);
  let remote: FtpRemoteFs;
  beforeAll(async () => {
    await serverEntry('/w', CAFE, content);
    await serverEntry('/w', latin1('Été'));
    remote = await open('windows-1252');
  });
  afterAll(() => remote?.close());

  it('lists, downloads, renames, uploads into and deletes names written in Windows-1252', async () => {
    const names = (await remote.list('/w')).entries.map((entry) => entry.name).sort();
    expect(names).toEqual(['café.txt', 'Été']);
    const local = join(harness.scratch, 'cafe');
    expect(await downloaded(remote, '/w/café.txt', local)).toBe(sha256(content));

    await remote.rename('/w/café.txt', '/w/crème €.txt');
    const renamed = Buffer.concat([latin1('crème '), Buffer.from([0x80]), latin1('.txt')]);
    expect(await holds(onDisk('/w'), renamed)).toBe(true);
    expect(await holds(onDisk('/w'), CAFE)).toBe(false);

    await remote.upload(Readable.from([Buffer.from('n')]), '/w/Été/naïve.txt');
    expect(await holds(onDisk('/w/', latin1('Été')), latin1('naïve.txt'))).toBe(true);
    expect((await remote.list('/w/Été')).entries.map((entry) => entry.name)).toEqual(['naïve.txt']);
    await remote.chmod('/w/Été/naïve.txt', 0o600);
    expect((await stat(onDisk('/w/', latin1('Été'), '/', latin1('naïve.txt')))).mode & 0o777).toBe(
      0o600,
    );
    await remote.mkdir('/w/Ça va');
    expect(await holds(onDisk('/w'), latin1('Ça va'))).toBe(true);

    await remote.deleteFile('/w/crème €.txt');
    await remote.deleteFolder('/w/Été');
    expect(await holds(onDisk('/w'), renamed)).toBe(false);
    expect(await holds(onDisk('/w'), latin1('Été'))).toBe(false);
  });

  it('refuses a name the encoding cannot write, in words, and sends nothing', async () => {
    const upload = remote.upload(Readable.from([Buffer.from('x')]), '/w/日本.txt');
    await expect(upload).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('"日本.txt" cannot be written'),
      hint: expect.stringContaining("site's settings"),
    });
    const names = await readdir(onDisk('/w'), { encoding: 'buffer' });
    expect(names.some((name) => name.includes(0x3f))).toBe(false);
  });

  it('in Automatic mode says once that the server may not use UTF-8, and the names still work', async () => {
    const first = randomBytes(5000);
    await serverEntry('/auto', CAFE, first);
    await serverEntry('/auto', latin1('naïve.txt'), Buffer.from('2'));
    const automatic = await open('auto');
    try {
      const listing = await automatic.list('/auto');
      expect(listing.entries.map((entry) => entry.name).sort()).toEqual([
        'caf\uDCE9.txt',
        'na\uDCEFve.txt',
      ]);
      expect(listing.notice).toMatch(
        /^2 names .* may not use UTF-8\. Choose its file name encoding/,
      );
      const local = join(harness.scratch, 'auto-cafe');
      expect(await downloaded(automatic, '/auto/caf\uDCE9.txt', local)).toBe(sha256(first));
      await automatic.rename('/auto/caf\uDCE9.txt', '/auto/café.txt');
      expect(await holds(onDisk('/auto'), Buffer.from('café.txt'))).toBe(true);
      await automatic.deleteFile('/auto/na\uDCEFve.txt');
      expect(await readdir(onDisk('/auto'))).toEqual(['café.txt']);
      expect((await automatic.list('/auto')).notice).toBeUndefined();
    } finally {
      await automatic.close();
    }
  });
});

describe('Shift_JIS', () => {
  const content = randomBytes(33_333);
  let remote: FtpRemoteFs;
  beforeAll(async () => {
    await serverEntry('/j', SOFUTO);
    await serverEntry('/j', HYO, content);
    remote = await open('shift_jis');
  });
  afterAll(() => remote?.close());

  it('keeps the 0x5C trail byte inside its character: list, download, rename, delete', async () => {
    expect((await remote.list('/j')).entries.map((entry) => entry.name).sort()).toEqual([
      'ソフト',
      '表.txt',
    ]);
    const local = join(harness.scratch, 'hyo');
    expect(await downloaded(remote, '/j/表.txt', local)).toBe(sha256(content));
    await remote.rename('/j/表.txt', '/j/ソフト/表示.txt');
    const hyoji = Buffer.from([0x95, 0x5c, 0x8e, 0xa6, 0x2e, 0x74, 0x78, 0x74]);
    expect(await holds(onDisk('/j/', SOFUTO), hyoji)).toBe(true);
    expect((await remote.list('/j/ソフト')).entries.map((entry) => entry.name)).toEqual([
      '表示.txt',
    ]);
    await remote.upload(Readable.from([Buffer.from('k')]), '/j/ソフト/漢字.txt');
    const kanji = Buffer.concat([Buffer.from([0x8a, 0xbf, 0x8e, 0x9a]), Buffer.from('.txt')]);
    expect(await holds(onDisk('/j/', SOFUTO), kanji)).toBe(true);
    // The small-file path writes its commands to the socket itself: the same bytes.
    const small = randomBytes(2000);
    const when = new Date('2024-03-01T10:20:30Z');
    await remote.writeSmall('/j/ソフト/表.bin', small, {
      mode: 0o644,
      modified: when,
      created: true,
    });
    const hyoBin = Buffer.from([0x95, 0x5c, 0x2e, 0x62, 0x69, 0x6e]);
    expect(await holds(onDisk('/j/', SOFUTO), hyoBin)).toBe(true);
    expect((await remote.readSmall('/j/ソフト/表.bin', 10_000)).equals(small)).toBe(true);
    expect((await stat(onDisk('/j/', SOFUTO, '/', hyoBin))).mtime).toEqual(when);
    expect(await remote.stat('/j/ソフト/表.bin')).toMatchObject({ name: '表.bin', size: 2000 });
    await remote.deleteFolder('/j/ソフト');
    expect(await readdir(onDisk('/j'))).toEqual([]);
  });
});
