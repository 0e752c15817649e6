/**
 * Moves between two drives of this computer, for real: /dev/shm is a tmpfs, so a move between it
 * and the disk the scratch folder is on crosses devices (rename says EXDEV). Files arrive byte for
 * byte (checksums) with their time and mode, the original goes only then, and a failure or a
 * Stop leaves the original whole and no partial copy behind.
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import {
  appendFile,
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import type { CrossDriveProgress } from './cross-drive';
import { moveLocal } from './local-move';

const scratch = scratchPerTest('ferry-cross-drive-');
const disk = (rel: string) => join(scratch.path, rel);
let shm = '';
const ram = (rel: string) => join(shm, rel);

async function put(at: string, data: string | Buffer) {
  await mkdir(join(at, '..'), { recursive: true });
  await writeFile(at, data);
}
const when = new Date('2024-03-05T06:07:08Z');

describe.runIf(process.platform === 'linux')('moving to another drive', () => {
  afterEach(async () => {
    if (shm) await rm(shm, { recursive: true, force: true });
    shm = '';
  });
  const newShm = async () => (shm = await mkdtemp('/dev/shm/ferry-move-'));

  it('moves a file and a folder from the disk to a tmpfs with contents, times and modes', async () => {
    await newShm();
    const big = randomBytes(3 * 1024 * 1024 + 17);
    await put(disk('report.pdf'), big);
    await chmod(disk('report.pdf'), 0o640);
    await utimes(disk('report.pdf'), when, when);
    await put(disk('photos/deep/b.jpg'), 'jpeg');
    await put(disk('photos/empty/.keep'), '');
    await symlink('deep/b.jpg', disk('photos/latest'));
    await chmod(disk('photos/deep'), 0o750);
    await utimes(disk('photos/deep'), when, when);

    const result = await moveLocal({
      paths: [disk('report.pdf'), disk('photos')],
      folder: shm,
      replace: [],
    });
    expect(result.items).toEqual([
      { from: disk('report.pdf'), outcome: 'moved', to: ram('report.pdf') },
      { from: disk('photos'), outcome: 'moved', to: ram('photos') },
    ]);
    expect(await readdir(scratch.path)).toEqual([]);
    expect(await readdir(shm)).toEqual(['photos', 'report.pdf']);
    expect(await sha256File(ram('report.pdf'))).toBe(sha256(big));
    expect(await sha256File(ram('photos/deep/b.jpg'))).toBe(sha256('jpeg'));
    expect(await readlink(ram('photos/latest'))).toBe('deep/b.jpg');
    expect(await readdir(ram('photos/empty'))).toEqual(['.keep']);
    const file = await lstat(ram('report.pdf'));
    expect(file.mode & 0o777).toBe(0o640);
    expect(file.mtime).toEqual(when);
    const folder = await lstat(ram('photos/deep'));
    expect(folder.mode & 0o777).toBe(0o750);
    expect(folder.mtime).toEqual(when);
  });

  it('moves back from the tmpfs to the disk, replacing a file only when told to', async () => {
    await newShm();
    await put(ram('notes.txt'), 'new notes');
    await put(disk('dest/notes.txt'), 'old notes');
    const asked = await moveLocal({ paths: [ram('notes.txt')], folder: disk('dest'), replace: [] });
    expect(asked.items).toEqual([
      { from: ram('notes.txt'), outcome: 'clash', to: disk('dest/notes.txt') },
    ]);
    expect(await readFile(disk('dest/notes.txt'), 'utf8')).toBe('old notes');
    expect(await readdir(shm)).toEqual(['notes.txt']);

    const replaced = await moveLocal({
      paths: [ram('notes.txt')],
      folder: disk('dest'),
      replace: [ram('notes.txt')],
    });
    expect(replaced.items[0]).toMatchObject({ outcome: 'moved' });
    expect(await readFile(disk('dest/notes.txt'), 'utf8')).toBe('new notes');
    expect(await readdir(disk('dest'))).toEqual(['notes.txt']);
    expect(await readdir(shm)).toEqual([]);
  });

  it('reports progress, and a Stop leaves the original whole and removes the partial copy; later items stay', async () => {
    await newShm();
    const big = randomBytes(24 * 1024 * 1024);
    await put(disk('a.iso'), big);
    await put(disk('b.txt'), 'b');
    const stop = new AbortController();
    const seen: CrossDriveProgress[] = [];
    const result = await moveLocal(
      { paths: [disk('a.iso'), disk('b.txt')], folder: shm, replace: [] },
      {
        signal: stop.signal,
        quietMs: 0,
        progress: (p) => {
          seen.push(p);
          stop.abort();
        },
      },
    );
    expect(seen[0]).toMatchObject({ name: 'a.iso', bytesTotal: big.length });
    expect(result.items.map((i) => i.outcome)).toEqual(['failed', 'failed']);
    expect(result.items[0]).toMatchObject({
      error: { code: 'cancelled', message: 'The move was stopped; "a.iso" stays where it was.' },
    });
    expect(await readdir(shm)).toEqual([]);
    expect(await sha256File(disk('a.iso'))).toBe(sha256(big));
    expect(await readFile(disk('b.txt'), 'utf8')).toBe('b');
  });

  it('fails without harm when the original changes while it is copied', async () => {
    await newShm();
    const data = randomBytes(4 * 1024 * 1024);
    await put(disk('log.txt'), data);
    let appended = false;
    const result = await moveLocal(
      { paths: [disk('log.txt')], folder: shm, replace: [] },
      {
        quietMs: 0,
        progress: () => {
          if (!appended) void appendFile(disk('log.txt'), 'late line');
          appended = true;
        },
      },
    );
    expect(result.items[0]).toMatchObject({
      outcome: 'failed',
      error: {
        code: 'size_mismatch',
        message: expect.stringContaining('changed while it was being copied'),
      },
    });
    expect(await readdir(shm)).toEqual([]);
    expect(await sha256File(disk('log.txt'))).toBe(
      sha256(Buffer.concat([data, Buffer.from('late line')])),
    );
  });

  it('keeps a file put into the folder while it was copied (the rest moves)', async () => {
    await newShm();
    const data = randomBytes(4 * 1024 * 1024);
    await put(disk('site/big.bin'), data);
    await put(disk('site/css/a.css'), 'a');
    let added = false;
    const result = await moveLocal(
      { paths: [disk('site')], folder: shm, replace: [] },
      {
        quietMs: 0,
        progress: () => {
          if (!added) void put(disk('site/css/new.css'), 'written meanwhile');
          added = true;
        },
      },
    );
    expect(result.items[0]).toMatchObject({
      outcome: 'moved',
      note: expect.stringMatching(/added to .* while it was being moved/) as string,
    });
    expect(await sha256File(ram('site/big.bin'))).toBe(sha256(data));
    expect(await readFile(ram('site/css/a.css'), 'utf8')).toBe('a');
    // The late file was not copied, and not deleted either: it is where it was written.
    expect(await readFile(disk('site/css/new.css'), 'utf8')).toBe('written meanwhile');
    expect(await readdir(disk('site'))).toEqual(['css']);
    expect(await readdir(disk('site/css'))).toEqual(['new.css']);
  });

  it('keeps a file changed after its copy was checked, and says so', async () => {
    await newShm();
    const data = randomBytes(4 * 1024 * 1024);
    await put(disk('site/big.bin'), data);
    await put(disk('site/notes.txt'), 'first draft');
    let edited = false;
    const result = await moveLocal(
      { paths: [disk('site')], folder: shm, replace: [] },
      {
        quietMs: 0,
        progress: () => {
          // The copy is checked and in place; the original is about to go: an editor saves.
          if (edited || !existsSync(ram('site'))) return;
          writeFileSync(disk('site/notes.txt'), 'second draft, saved meanwhile');
          edited = true;
        },
      },
    );
    expect(edited).toBe(true);
    expect(result.items[0]).toMatchObject({
      outcome: 'moved',
      note: expect.stringMatching(/notes\.txt changed after it was copied, so it was not deleted/),
    });
    expect(await readFile(disk('site/notes.txt'), 'utf8')).toBe('second draft, saved meanwhile');
    expect(await readFile(ram('site/notes.txt'), 'utf8')).toBe('first draft');
    expect(await sha256File(ram('site/big.bin'))).toBe(sha256(data));
    expect(await readdir(disk('site'))).toEqual(['notes.txt']);
  });

  it('refuses a folder holding a special file before copying anything', async () => {
    await newShm();
    await put(disk('box/a.txt'), 'a');
    execFileSync('mkfifo', [disk('box/pipe')]);
    const result = await moveLocal({ paths: [disk('box')], folder: shm, replace: [] });
    expect(result.items[0]).toMatchObject({
      outcome: 'failed',
      error: { code: 'not_supported', message: expect.stringContaining('special file') },
    });
    expect(await readdir(shm)).toEqual([]);
    expect((await readdir(disk('box'))).sort()).toEqual(['a.txt', 'pipe']);
  });

  describe('onto a drive that fills up', () => {
    let small = '';
    afterEach(() => {
      if (small) execFileSync('umount', [small]);
      small = '';
    });

    // Root may mount a 1 MiB tmpfs; elsewhere this case is skipped.
    it('says the drive is full, leaves the original whole and removes the partial copy', async (context) => {
      const mountPoint = disk('small');
      await mkdir(mountPoint);
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], {
          stdio: 'ignore',
        });
      } catch {
        context.skip();
      }
      small = mountPoint;
      await newShm();
      await put(ram('photos/a.jpg'), randomBytes(600 * 1024));
      await put(ram('photos/b.jpg'), randomBytes(600 * 1024));
      const before = await sha256File(ram('photos/b.jpg'));
      const result = await moveLocal({ paths: [ram('photos')], folder: small, replace: [] });
      expect(result.items[0]).toMatchObject({ outcome: 'failed', error: { code: 'disk_full' } });
      expect(await readdir(small)).toEqual([]);
      expect(await readdir(ram('photos'))).toEqual(['a.jpg', 'b.jpg']);
      expect(await sha256File(ram('photos/b.jpg'))).toBe(before);
    });
  });
});
