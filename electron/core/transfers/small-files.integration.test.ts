/**
 * Small files over SFTP take a short path (one READ; WRITE + FSETSTAT + CLOSE back to back).
 * It keeps every check of the general path: a file that changed after it was listed fails with
 * a size error (or is read again to the end), modes and dates arrive, cancel leaves nothing
 * half-written under a real name.
 */
import {
  chmod,
  mkdir,
  readdir,
  readFile,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { FerryError } from '../../../shared/errors';
import type { RemoteFs } from '../remote/remote-fs';
import { downloadFile } from './download-file';
import { partPathFor } from './part-file';
import { SMALL_DOWNLOAD_MAX_BYTES } from './small-download';
import { connectTo, patterned, queueOver, remoteRoot, treeManifest } from './testing';
import { uploadFile } from './upload-file';
import { walkRemoteFolder } from './walk-remote';

let fs: RemoteFs;

const harness = harnessForSuite(['sftp'], 'ferry-small-');
beforeAll(async () => {
  fs = await connectTo(harness.servers, 'sftp');
});
afterAll(async () => {
  await fs?.close();
});

/** Downloads `rel` as if a listing had announced `listedSize`. */
async function download(rel: string, target: string, listedSize: number, mode = 0o644) {
  let bytes = 0;
  await downloadFile({
    fs,
    remotePath: posix.join(harness.servers.root, rel),
    target,
    partPath: partPathFor(target),
    start: { from: 'fresh' },
    expectedSize: listedSize,
    modified: Date.UTC(2020, 0, 2, 3, 4, 5),
    mode,
    signal: new AbortController().signal,
    onBytes: (n) => (bytes = n),
  });
  return bytes;
}

async function partFilesIn(folder: string): Promise<string[]> {
  const names = await readdir(folder, { recursive: true });
  return names.filter((name) => name.endsWith('.ferry-part'));
}

describe('small downloads', () => {
  it('arrive byte for byte with the listed date and mode, empty and largest-small ones too', async () => {
    const local = join(harness.scratch, 'exact');
    await mkdir(local);
    for (const size of [0, 1, 8192, SMALL_DOWNLOAD_MAX_BYTES]) {
      const data = patterned(size, size + 1);
      await harness.servers.fixtures.writeFile(`exact-${size}.bin`, data);
      const target = join(local, `f${size}`);
      expect(await download(`exact-${size}.bin`, target, size, 0o640)).toBe(size);
      expect(sha256(await readFile(target))).toBe(sha256(data));
      const info = await stat(target);
      expect(info.mtimeMs).toBe(Date.UTC(2020, 0, 2, 3, 4, 5));
      expect(info.mode & 0o777).toBe(0o640);
    }
    expect(await partFilesIn(local)).toEqual([]);
  });

  it('fail with a size error, and leave no file, when the file grew after it was listed', async () => {
    const local = join(harness.scratch, 'grew');
    await mkdir(local);
    await harness.servers.fixtures.writeFile('grew.bin', patterned(5000, 7));
    const failure = (await download('grew.bin', join(local, 'grew.bin'), 4000).catch(
      (e: unknown) => e,
    )) as FerryError;
    expect(failure.code).toBe('size_mismatch');
    expect(await readdir(local)).toEqual([]);
  });

  it('fail with a size error, and leave no file, when the file shrank after it was listed', async () => {
    const local = join(harness.scratch, 'shrank');
    await mkdir(local);
    await harness.servers.fixtures.writeFile('shrank.bin', patterned(3000, 8));
    const failure = (await download('shrank.bin', join(local, 'shrank.bin'), 4000).catch(
      (e: unknown) => e,
    )) as FerryError;
    expect(failure.code).toBe('size_mismatch');
    expect(await readdir(local)).toEqual([]);
  });

  it('report a missing file with its path', async () => {
    const local = join(harness.scratch, 'missing');
    await mkdir(local);
    const failure = (await download('no-such.bin', join(local, 'x'), 10).catch(
      (e: unknown) => e,
    )) as FerryError;
    expect(failure.code).toBe('not_found');
    expect(failure.message).toContain('no-such.bin');
    expect(await readdir(local)).toEqual([]);
  });
});

describe('small uploads', () => {
  it('keep the mode (never writable by everyone) and the modification time', async () => {
    const local = join(harness.scratch, 'up.bin');
    const data = patterned(9000, 11);
    await writeFile(local, data);
    await chmod(local, 0o646);
    const when = new Date(Date.UTC(2019, 5, 6, 7, 8, 9));
    await utimes(local, when, when);
    await harness.servers.fixtures.mkdir('up');
    const info = await stat(local);
    let bytes = 0;
    await uploadFile({
      fs,
      localPath: local,
      remotePath: posix.join(harness.servers.root, 'up/up.bin'),
      offset: 0,
      source: { size: info.size, modified: info.mtimeMs, mode: info.mode & 0o7777 },
      signal: new AbortController().signal,
      onBytes: (n) => (bytes = n),
    });
    expect(bytes).toBe(9000);
    const remote = harness.servers.fixtures.abs('up/up.bin');
    expect(sha256(await readFile(remote))).toBe(sha256(data));
    const remoteInfo = await stat(remote);
    expect(remoteInfo.mode & 0o777).toBe(0o644);
    expect(remoteInfo.mtimeMs).toBe(when.getTime());
  });

  it('replace an existing file, taking the new mode', async () => {
    await harness.servers.fixtures.writeFile('up/replace.bin', patterned(20_000, 1));
    const local = join(harness.scratch, 'replace.bin');
    const data = patterned(100, 2);
    await writeFile(local, data);
    await uploadFile({
      fs,
      localPath: local,
      remotePath: posix.join(harness.servers.root, 'up/replace.bin'),
      offset: 0,
      source: { size: 100, modified: null, mode: 0o600 },
      signal: new AbortController().signal,
      onBytes: () => undefined,
    });
    const remote = harness.servers.fixtures.abs('up/replace.bin');
    expect(sha256(await readFile(remote))).toBe(sha256(data));
    expect((await stat(remote)).mode & 0o777).toBe(0o600);
  });

  it('fail with a size error before touching the server when the file changed after it was looked at', async () => {
    const local = join(harness.scratch, 'changed.bin');
    await writeFile(local, patterned(500, 3));
    const failure = (await uploadFile({
      fs,
      localPath: local,
      remotePath: posix.join(harness.servers.root, 'up/changed.bin'),
      offset: 0,
      source: { size: 400, modified: null, mode: 0o644 },
      signal: new AbortController().signal,
      onBytes: () => undefined,
    }).catch((e: unknown) => e)) as FerryError;
    expect(failure.code).toBe('size_mismatch');
    await expect(stat(harness.servers.fixtures.abs('up/changed.bin'))).rejects.toThrow();
  });
});

describe('uploads that refuse links', () => {
  it.each([
    ['small', 9000],
    ['streamed', 600 * 1024],
  ])('never read through a link in the file’s place (%s)', async (_, size) => {
    const secret = join(harness.scratch, `secret-${size}.key`);
    await writeFile(secret, patterned(size, 7));
    const local = join(harness.scratch, `page-${size}.html`);
    await symlink(secret, local);
    await harness.servers.fixtures.mkdir('up');
    const remotePath = posix.join(harness.servers.root, `up/page-${size}.html`);
    const failure = (await uploadFile({
      fs,
      localPath: local,
      remotePath,
      offset: 0,
      source: { size, modified: null, mode: 0o644 },
      signal: new AbortController().signal,
      onBytes: () => undefined,
      noLinks: true,
    }).catch((e: unknown) => e)) as FerryError;
    expect(failure.message).toContain('is a link now: not sent');
    await expect(stat(harness.servers.fixtures.abs(`up/page-${size}.html`))).rejects.toThrow();
  });
});

describe('a tree of small files', () => {
  it('cancelled midway leaves only whole files and no part files', async () => {
    const files = 400;
    await harness.servers.fixtures.mkdir('tree');
    const sources = new Map<string, string>();
    for (let i = 0; i < files; i++) {
      const data = patterned(3000 + i, i + 100);
      const rel = `d${i % 4}/f${i}.bin`;
      await harness.servers.fixtures.mkdir(`tree/d${i % 4}`);
      await harness.servers.fixtures.writeFile(`tree/${rel}`, data);
      sources.set(join('tree', rel), sha256(data));
    }
    const local = join(harness.scratch, 'tree-dl');
    await mkdir(local);
    // Cancels the folder from inside the transfer once 50 files were read: many are in flight.
    let cancel = (): void => undefined;
    let read = 0;
    const source = {
      open: async (): Promise<RemoteFs> => {
        const conn = await connectTo(harness.servers, 'sftp');
        const readSmall = conn.readSmall?.bind(conn);
        if (readSmall) {
          conn.readSmall = async (...args) => {
            const data = await readSmall(...args);
            if (++read === 50) cancel();
            return data;
          };
        }
        return conn;
      },
    };
    const { queue } = queueOver(source);
    try {
      const [id = ''] = await queue.enqueue({
        sessionId: 's',
        direction: 'download',
        items: [
          { source: posix.join(remoteRoot(harness.servers, 'sftp'), 'tree'), targetFolder: local },
        ],
      });
      cancel = () => queue.cancel(id);
      await queue.whenIdle();
      expect(read).toBeGreaterThanOrEqual(50);
      expect(queue.list().find((row) => row.id === id)?.state).toBe('cancelled');
      // whenIdle waits for cancelled jobs to remove their part files.
      expect(await partFilesIn(local)).toEqual([]);
      const manifest = await treeManifest(local);
      const arrived = Object.entries(manifest.files);
      expect(arrived.length).toBeLessThan(files);
      for (const [rel, hash] of arrived) expect(hash).toBe(sources.get(rel));
    } finally {
      await queue.dispose();
    }
  });
});

describe('walking a remote folder into a new local folder', () => {
  it('spares the look at the target only where no other name could land on the same file', async () => {
    await harness.servers.fixtures.mkdir('walk/Sub');
    for (const name of [
      'plain.bin',
      'Report.txt',
      'report.TXT',
      'x~1.bin',
      'sub',
      'Caf\u00e9', // é composed (NFC)
      'Cafe\u0301', // e + combining accent (NFD), as macOS stores names
    ]) {
      await harness.servers.fixtures.writeFile(`walk/${name}`, 'x');
    }
    const local = join(harness.scratch, 'walk');
    const folder = {
      source: posix.join(harness.servers.root, 'walk'),
      target: local,
      relative: '',
    };
    const first = await walkRemoteFolder(fs, folder, local);
    const absent = first.files.filter((f) => f.existing === null).map((f) => f.name);
    // Only "plain.bin" is safe: the others collide by case, normalisation, a folder or "~".
    expect(absent).toEqual(['plain.bin']);
    expect(first.files).toHaveLength(7);
    // The folder exists now: a second walk knows nothing and every job looks.
    const second = await walkRemoteFolder(fs, folder, local);
    expect(second.files.filter((f) => f.existing === null)).toEqual([]);
  });
});
