import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { readWhole, readWholeNow } from './small-upload';

const scratch = scratchPerTest('ferry-small-read-');

describe.each([
  ['through the thread pool', readWhole],
  [
    'with direct calls',
    async (path: string, expected: number) => {
      const data = readWholeNow(path, expected);
      if (data === undefined) throw new Error('read as a link');
      return data;
    },
  ],
])('reading a small file to upload, %s', (_how, read) => {
  it('gives the whole file when it has the size it was listed with', async () => {
    const data = randomBytes(8192);
    const path = join(scratch.path, 'f.bin');
    await writeFile(path, data);
    expect((await read(path, data.length)).equals(data)).toBe(true);
  });

  it('gives one byte more when the file grew since it was listed (the upload then refuses)', async () => {
    const path = join(scratch.path, 'f.bin');
    await writeFile(path, randomBytes(5000));
    expect((await read(path, 4000)).length).toBe(4001);
  });

  it('gives fewer bytes when the file shrank', async () => {
    const path = join(scratch.path, 'f.bin');
    await writeFile(path, randomBytes(100));
    expect((await read(path, 4000)).length).toBe(100);
  });

  it('fails with ENOENT when the file is gone', async () => {
    await expect(read(join(scratch.path, 'gone.bin'), 10)).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

describe('reading with direct calls', () => {
  it('leaves a link to the thread pool: it may point onto a disk that stalls', async () => {
    const path = join(scratch.path, 'real.bin');
    await writeFile(path, randomBytes(100));
    await symlink(path, join(scratch.path, 'link.bin'));
    expect(readWholeNow(join(scratch.path, 'link.bin'), 100)).toBeUndefined();
    expect((await readWhole(join(scratch.path, 'link.bin'), 100)).length).toBe(100);
  });

  it('refuses at once a pipe put in the file’s place (it would block the event loop)', () => {
    const path = join(scratch.path, 'was-a-file');
    execFileSync('mkfifo', [path]);
    expect(() => readWholeNow(path, 10)).toThrow(/no longer a file/);
  });
});
