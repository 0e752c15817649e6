import { randomBytes } from 'node:crypto';
import { readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { writeWholePart, writeWholePartNow, type PartFinish } from './part-write';

const scratch = scratchPerTest('ferry-part-write-');

// The thread-pool and the direct variant must leave exactly the same results.
describe.each([
  ['through the thread pool', writeWholePart],
  [
    'with direct calls',
    (path: string, data: Buffer, finish: PartFinish) =>
      Promise.resolve().then(() => writeWholePartNow(path, data, finish)),
  ],
])('a small file’s part file, written %s', (_how, write) => {
  const dated: PartFinish = { modified: new Date('2024-02-29T12:34:56Z'), mode: 0o640 };

  it('holds the bytes, the date and the mode', async () => {
    const data = randomBytes(8192);
    const part = join(scratch.path, '.f.ferry-part');
    await write(part, data, dated);
    expect((await readFile(part)).equals(data)).toBe(true);
    const info = await stat(part);
    expect(info.mtime.toISOString()).toBe('2024-02-29T12:34:56.000Z');
    expect(info.mode & 0o777).toBe(0o640);
  });

  it('keeps the date of now when the server gave none', async () => {
    const part = join(scratch.path, '.f.ferry-part');
    const before = Date.now() - 1000;
    await write(part, Buffer.from('x'), { modified: null, mode: 0o600 });
    expect((await stat(part)).mtimeMs).toBeGreaterThan(before);
  });

  it('replaces what an earlier attempt left under the part name', async () => {
    const part = join(scratch.path, '.f.ferry-part');
    await writeFile(part, 'an earlier, longer attempt');
    await write(part, Buffer.from('new'), dated);
    expect(await readFile(part, 'utf8')).toBe('new');
  });

  it('does not write through a link planted under the part name', async () => {
    const elsewhere = join(scratch.path, 'precious.txt');
    await writeFile(elsewhere, 'keep me');
    const part = join(scratch.path, '.f.ferry-part');
    await symlink(elsewhere, part);
    await write(part, Buffer.from('data'), dated);
    expect(await readFile(elsewhere, 'utf8')).toBe('keep me');
    expect((await stat(part)).isFile()).toBe(true);
    expect(await readFile(part, 'utf8')).toBe('data');
  });

  it('fails with the file system’s error when the folder is gone, leaving nothing', async () => {
    const part = join(scratch.path, 'gone', '.f.ferry-part');
    await expect(write(part, Buffer.from('data'), dated)).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
