import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonListStore } from './json-list-store';

interface Note {
  text: string;
}

const isNote = (value: unknown): value is Note =>
  typeof value === 'object' && value !== null && typeof (value as Note).text === 'string';

describe('JsonListStore', () => {
  let dir: string;
  let file: string;
  const open = (): JsonListStore<Note> =>
    new JsonListStore({
      filePath: file,
      listKey: 'notes',
      isEntry: isNote,
      listName: 'notes',
      afterReset: 'nothing else is lost.',
    });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-json-list-'));
    file = join(dir, 'notes.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the versioned file shape under its list key', async () => {
    await open().modify((notes) => [...notes, { text: 'a' }]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      version: 1,
      notes: [{ text: 'a' }],
    });
  });

  it.each([
    ['another version', '{ "version": 2, "notes": [] }'],
    ['another list key', '{ "version": 1, "keys": [] }'],
    ['one malformed entry', '{ "version": 1, "notes": [{ "text": "a" }, { "text": 3 }] }'],
    ['not an object', '[]'],
  ])('refuses a file with %s and leaves it as it was', async (_name, text) => {
    await writeFile(file, text);
    const store = open();
    await expect(store.read()).rejects.toMatchObject({ code: 'store_corrupt' });
    await expect(store.modify(() => [])).rejects.toMatchObject({ code: 'store_corrupt' });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('reports an unreadable file as store_corrupt, not as an empty list', async () => {
    await mkdir(file);
    await expect(open().read()).rejects.toMatchObject({ code: 'store_corrupt' });
  });
});
