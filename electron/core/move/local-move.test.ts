/**
 * Moving items of this computer into another of its folders, on the real disk: contents arrive
 * whole (checksums), a taken file name is asked about and replaced only when answered so, a
 * folder never goes into itself (another drive: cross-drive.test.ts).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../e2e/harness/checksums';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { moveLocal } from './local-move';

const scratch = scratchPerTest('ferry-local-move-');
const at = (rel: string) => join(scratch.path, rel);
async function put(rel: string, data: string) {
  await mkdir(join(at(rel), '..'), { recursive: true });
  await writeFile(at(rel), data);
}
const sumOf = async (rel: string) => sha256(await readFile(at(rel)));

describe('moving on this computer', () => {
  it('moves files and a folder with its contents into another folder', async () => {
    await put('report.pdf', 'pdf '.repeat(10_000));
    await put('photos/deep/b.jpg', 'jpeg');
    await mkdir(at('dest'));
    const result = await moveLocal({
      paths: [at('report.pdf'), at('photos')],
      folder: at('dest'),
      replace: [],
    });
    expect(result.items).toEqual([
      { from: at('report.pdf'), outcome: 'moved', to: at('dest/report.pdf') },
      { from: at('photos'), outcome: 'moved', to: at('dest/photos') },
    ]);
    expect(await readdir(scratch.path)).toEqual(['dest']);
    expect(await sumOf('dest/report.pdf')).toBe(sha256('pdf '.repeat(10_000)));
    expect(await sumOf('dest/photos/deep/b.jpg')).toBe(sha256('jpeg'));
  });

  it('asks before replacing a file, moving nothing until answered; then replaces it', async () => {
    await put('notes.txt', 'new');
    await put('todo.txt', 'todo');
    await put('dest/notes.txt', 'old');
    const paths = [at('notes.txt'), at('todo.txt')];
    const asked = await moveLocal({ paths, folder: at('dest'), replace: [] });
    expect(asked.items.map((i) => i.outcome)).toEqual(['clash', 'ready']);
    expect(await readdir(at('dest'))).toEqual(['notes.txt']);
    expect(await sumOf('dest/notes.txt')).toBe(sha256('old'));

    const replaced = await moveLocal({ paths, folder: at('dest'), replace: [at('notes.txt')] });
    expect(replaced.items.map((i) => i.outcome)).toEqual(['moved', 'moved']);
    expect(await sumOf('dest/notes.txt')).toBe(sha256('new'));
    expect(await readdir(at('dest'))).toEqual(['notes.txt', 'todo.txt']);
    expect(await readdir(scratch.path)).toEqual(['dest']);
  });

  it('never replaces or merges a folder, even when told to replace', async () => {
    await put('photos/a.jpg', 'mine');
    await put('dest/photos/b.jpg', 'theirs');
    const result = await moveLocal({
      paths: [at('photos')],
      folder: at('dest'),
      replace: [at('photos')],
    });
    expect(result.items[0]).toMatchObject({ outcome: 'failed', error: { code: 'already_exists' } });
    expect(await readdir(at('dest/photos'))).toEqual(['b.jpg']);
  });

  it('refuses a folder into itself or its subfolder in plain words, and moves the rest', async () => {
    await put('photos/sub/a.jpg', 'jpeg');
    await put('list.txt', 'list');
    const result = await moveLocal({
      paths: [at('photos'), at('list.txt')],
      folder: at('photos/sub'),
      replace: [],
    });
    expect(result.items[0]).toEqual({
      from: at('photos'),
      outcome: 'failed',
      error: {
        code: 'forbidden',
        message: 'The folder "photos" cannot be moved into itself or into a folder inside it.',
        hint: 'Choose a folder outside it.',
      },
    });
    expect(result.items[1]).toMatchObject({ outcome: 'moved' });
    expect(await sumOf('photos/sub/a.jpg')).toBe(sha256('jpeg'));
    expect(await sumOf('photos/sub/list.txt')).toBe(sha256('list'));
  });

  it('refuses a target that is not a folder, before moving anything', async () => {
    await put('a.txt', 'a');
    await put('b.txt', 'b');
    await expect(
      moveLocal({ paths: [at('a.txt')], folder: at('b.txt'), replace: [] }),
    ).rejects.toMatchObject({ code: 'not_a_folder' });
    await expect(
      moveLocal({ paths: [at('a.txt')], folder: at('nowhere'), replace: [] }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await sumOf('a.txt')).toBe(sha256('a'));
  });
});
