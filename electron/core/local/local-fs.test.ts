import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../shared/errors';
import { createLocalHandlers } from './local-fs';
import { describeEntry } from './list-folder';

let root: string;
const local = createLocalHandlers({ deleteMode: 'permanent' });

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-local-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<string> {
  const error = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e as { code: string; message: string; hint?: string },
  );
  expect(error.code).toBe(code);
  expect(error.hint).toBeTruthy();
  return error.message;
}

const sha = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

describe('local.home', () => {
  it("answers the user's home folder", async () => {
    expect(await local['local.home']({})).toBe(homedir());
  });
});

describe('local.list', () => {
  it('describes files, folders, hidden files and symlinks', async () => {
    await writeFile(join(root, 'notes.txt'), 'hello world');
    await chmod(join(root, 'notes.txt'), 0o640);
    await utimes(join(root, 'notes.txt'), 1_700_000_000, 1_700_000_000);
    await mkdir(join(root, 'photos'));
    await writeFile(join(root, '.secret'), 'x');
    await symlink(join(root, 'photos'), join(root, 'photos-link'));
    await symlink('notes.txt', join(root, 'notes-link'));
    await symlink(join(root, 'nowhere'), join(root, 'broken-link'));

    const listing = await local['local.list']({ path: root });
    expect(listing.path).toBe(root);
    const byName = new Map(listing.entries.map((e) => [e.name, e]));
    expect([...byName.keys()].sort()).toEqual(
      ['.secret', 'broken-link', 'notes-link', 'notes.txt', 'photos', 'photos-link'].sort(),
    );
    expect(byName.get('notes.txt')).toEqual({
      name: 'notes.txt',
      kind: 'file',
      size: 11,
      modified: 1_700_000_000_000,
      mode: 0o640,
      hidden: false,
    });
    expect(byName.get('photos')).toMatchObject({ kind: 'folder', size: 0, hidden: false });
    expect(byName.get('.secret')).toMatchObject({ kind: 'file', hidden: true });
    expect(byName.get('photos-link')).toMatchObject({
      kind: 'symlink',
      targetKind: 'folder',
      target: join(root, 'photos'),
    });
    // A link to a file shows the file's size.
    expect(byName.get('notes-link')).toMatchObject({
      kind: 'symlink',
      targetKind: 'file',
      target: 'notes.txt',
      size: 11,
    });
    const broken = byName.get('broken-link');
    expect(broken).toMatchObject({ kind: 'symlink', target: join(root, 'nowhere') });
    expect(broken?.targetKind).toBeUndefined();
  });

  it('opens a symlinked folder like a folder', async () => {
    await mkdir(join(root, 'real'));
    await writeFile(join(root, 'real', 'inside.txt'), '1');
    await symlink(join(root, 'real'), join(root, 'link'));
    const listing = await local['local.list']({ path: join(root, 'link') });
    expect(listing.path).toBe(join(root, 'link'));
    expect(listing.entries.map((e) => e.name)).toEqual(['inside.txt']);
  });

  it('normalises the path it was given', async () => {
    await mkdir(join(root, 'a'));
    const listing = await local['local.list']({ path: `${root}/a/../a/./` });
    expect(listing.path).toBe(join(root, 'a'));
  });

  it('still lists an entry that vanished before it could be examined', async () => {
    expect(await describeEntry(root, 'gone')).toEqual({
      name: 'gone',
      kind: 'other',
      size: 0,
      modified: null,
      mode: null,
      hidden: false,
    });
  });

  it('says so in plain words when the folder does not exist', async () => {
    const missing = join(root, 'missing');
    const message = await rejectsWith(local['local.list']({ path: missing }), 'not_found');
    expect(message).toBe(`The folder ${missing} does not exist.`);
  });

  it('refuses a file where a folder is needed', async () => {
    await writeFile(join(root, 'file'), '');
    await rejectsWith(local['local.list']({ path: join(root, 'file') }), 'not_a_folder');
  });

  it('refuses relative paths', async () => {
    await rejectsWith(local['local.list']({ path: 'relative/path' }), 'invalid_input');
  });

  it('lists 10,000 entries', async () => {
    await Promise.all(Array.from({ length: 10_000 }, (_, i) => writeFile(join(root, `f${i}`), '')));
    const listing = await local['local.list']({ path: root });
    expect(listing.entries).toHaveLength(10_000);
    expect(listing.entries.every((e) => e.kind === 'file')).toBe(true);
  });
});

describe('local.mkdir', () => {
  it('creates the folder and answers its path', async () => {
    expect(await local['local.mkdir']({ parent: root, name: 'New' })).toBe(join(root, 'New'));
    expect(existsSync(join(root, 'New'))).toBe(true);
  });

  it('refuses a name that exists, file or folder', async () => {
    await mkdir(join(root, 'taken'));
    await writeFile(join(root, 'file'), '');
    await rejectsWith(local['local.mkdir']({ parent: root, name: 'taken' }), 'already_exists');
    await rejectsWith(local['local.mkdir']({ parent: root, name: 'file' }), 'already_exists');
  });

  it('refuses a parent that does not exist', async () => {
    await rejectsWith(
      local['local.mkdir']({ parent: join(root, 'missing'), name: 'x' }),
      'not_found',
    );
  });
});

describe('local.rename', () => {
  it('renames a file and answers the new path', async () => {
    await writeFile(join(root, 'old.txt'), 'content');
    expect(await local['local.rename']({ path: join(root, 'old.txt'), newName: 'new.txt' })).toBe(
      join(root, 'new.txt'),
    );
    expect(await readFile(join(root, 'new.txt'), 'utf8')).toBe('content');
    expect(existsSync(join(root, 'old.txt'))).toBe(false);
  });

  it('never overwrites an existing file', async () => {
    await writeFile(join(root, 'a.txt'), 'A');
    await writeFile(join(root, 'b.txt'), 'B');
    const [a, b] = [await sha(join(root, 'a.txt')), await sha(join(root, 'b.txt'))];
    await rejectsWith(
      local['local.rename']({ path: join(root, 'a.txt'), newName: 'b.txt' }),
      'already_exists',
    );
    expect(await sha(join(root, 'a.txt'))).toBe(a);
    expect(await sha(join(root, 'b.txt'))).toBe(b);
  });

  it('never replaces an existing empty folder', async () => {
    await mkdir(join(root, 'a'));
    await writeFile(join(root, 'a', 'keep'), '1');
    await mkdir(join(root, 'b'));
    await rejectsWith(
      local['local.rename']({ path: join(root, 'a'), newName: 'b' }),
      'already_exists',
    );
    expect(existsSync(join(root, 'a', 'keep'))).toBe(true);
  });

  it('treats the same name as done', async () => {
    await writeFile(join(root, 'same'), '');
    expect(await local['local.rename']({ path: join(root, 'same'), newName: 'same' })).toBe(
      join(root, 'same'),
    );
  });

  it('reports a missing source', async () => {
    await rejectsWith(
      local['local.rename']({ path: join(root, 'ghost'), newName: 'x' }),
      'not_found',
    );
  });
});

describe('local.delete (permanent)', () => {
  it('removes files and folders with everything inside', async () => {
    await writeFile(join(root, 'f'), '');
    await mkdir(join(root, 'd', 'deep'), { recursive: true });
    await writeFile(join(root, 'd', 'deep', 'x'), '');
    await local['local.delete']({ paths: [join(root, 'f'), join(root, 'd')] });
    expect(existsSync(join(root, 'f'))).toBe(false);
    expect(existsSync(join(root, 'd'))).toBe(false);
  });

  it('removes a link, never what it points to', async () => {
    await mkdir(join(root, 'real'));
    await writeFile(join(root, 'real', 'precious'), 'keep');
    await symlink(join(root, 'real'), join(root, 'link'));
    await local['local.delete']({ paths: [join(root, 'link')] });
    expect(existsSync(join(root, 'link'))).toBe(false);
    expect(await readFile(join(root, 'real', 'precious'), 'utf8')).toBe('keep');
  });

  it('deletes nothing when one of the paths does not exist', async () => {
    await writeFile(join(root, 'f'), '');
    await rejectsWith(
      local['local.delete']({ paths: [join(root, 'f'), join(root, 'ghost')] }),
      'not_found',
    );
    expect(existsSync(join(root, 'f'))).toBe(true);
  });

  it('refuses to delete the top of a drive', async () => {
    await rejectsWith(local['local.delete']({ paths: ['/'] }), 'forbidden');
  });
});

describe('local.delete (trash)', () => {
  it('hands normalised paths to the trash function and deletes nothing itself', async () => {
    await writeFile(join(root, 'f'), '');
    const trashed: string[][] = [];
    const handlers = createLocalHandlers({
      deleteMode: 'trash',
      trash: async (paths) => void trashed.push(paths),
    });
    await handlers['local.delete']({ paths: [`${root}/./f`] });
    expect(trashed).toEqual([[join(root, 'f')]]);
    expect(existsSync(join(root, 'f'))).toBe(true);
  });

  it('explains a trash that does not work', async () => {
    await writeFile(join(root, 'f'), '');
    const handlers = createLocalHandlers({
      deleteMode: 'trash',
      trash: async () => {
        throw new Error('Failed to move item to trash');
      },
    });
    const message = await rejectsWith(
      handlers['local.delete']({ paths: [join(root, 'f')] }),
      'internal',
    );
    expect(message).toBe(`Ferry could not move ${join(root, 'f')} to the trash.`);
  });

  it('needs a trash function', () => {
    expect(() => createLocalHandlers({ deleteMode: 'trash' })).toThrow();
  });
});
