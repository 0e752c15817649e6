/**
 * The editor on this computer's files (the local pane's F4), on a real disk: what is typed is
 * saved byte for byte with the file's own line endings and permission bits, a link stays a
 * link, and a file changed or deleted meanwhile is reported with nothing written.
 */
import {
  chmod,
  lstat,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../../e2e/harness/checksums';
import type { OpenedText } from '../../../shared/contract/editor';
import { readLocalText, writeLocalText } from './local-text';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-local-text-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const save = (opened: OpenedText, text: string, overwrite = false) =>
  writeLocalText({ path: opened.path, text, format: opened, expected: opened.version, overwrite });

describe('the editor on local files', () => {
  it('saves with the file’s CRLF endings and mode, leaving nothing else in the folder', async () => {
    const path = join(dir, 'app.ini');
    await writeFile(path, 'a=1\r\nb=2');
    await chmod(path, 0o640);
    const opened = await readLocalText(path);
    expect(opened).toMatchObject({ text: 'a=1\nb=2', lineEnding: 'crlf', bom: false });
    const outcome = await save(opened, 'a=1\nb=3');
    expect(outcome.outcome).toBe('saved');
    expect(sha256(await readFile(path))).toBe(sha256('a=1\r\nb=3'));
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['app.ini']);
    // The new version is the baseline of the next save.
    if (outcome.outcome !== 'saved') return;
    expect((await save({ ...opened, version: outcome.version }, 'a=2\n')).outcome).toBe('saved');
    expect(await readFile(path, 'utf8')).toBe('a=2\r\n');
  });

  it('saves through a link into the file it points to; the link stays a link', async () => {
    await writeFile(join(dir, 'real.conf'), 'x\n');
    await symlink('real.conf', join(dir, 'link.conf'));
    const opened = await readLocalText(join(dir, 'link.conf'));
    expect(opened.path).toBe(join(dir, 'real.conf'));
    await save(opened, 'y\n');
    expect(await readFile(join(dir, 'real.conf'), 'utf8')).toBe('y\n');
    expect((await lstat(join(dir, 'link.conf'))).isSymbolicLink()).toBe(true);
  });

  it('reports a file changed meanwhile (same size and time: the bytes tell) or deleted', async () => {
    const path = join(dir, 'shared.txt');
    await writeFile(path, 'mode=a\n');
    const opened = await readLocalText(path);
    const before = await stat(path);
    await writeFile(path, 'mode=b\n');
    await utimes(path, before.atime, before.mtime);
    expect((await save(opened, 'mine\n')).outcome).toBe('changed');
    expect(await readFile(path, 'utf8')).toBe('mode=b\n');
    expect((await save(opened, 'mine\n', true)).outcome).toBe('saved');
    expect(await readFile(path, 'utf8')).toBe('mine\n');

    const again = await readLocalText(path);
    await rm(path);
    expect(await save(again, 'late\n')).toEqual({ outcome: 'deleted' });
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['a binary file', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]), 'not a text file'],
    ['a Latin-1 file', Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'not UTF-8'],
    ['a file over 5 MiB', Buffer.alloc(5 * 1024 * 1024 + 1, 0x61), 'too large to edit here'],
  ])('refuses %s in plain words', async (_, bytes, says) => {
    await writeFile(join(dir, 'f'), bytes);
    await expect(readLocalText(join(dir, 'f'))).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(says),
    });
  });

  it('refuses a folder and a path that is not absolute', async () => {
    await expect(readLocalText(dir)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(readLocalText('relative.txt')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(readLocalText(join(dir, 'missing.txt'))).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
