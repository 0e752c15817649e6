import { mkdir, mkdtemp, open, rename, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderGuard, isBelowOrAt, LinkInTheWay, rootNow } from './inside-root';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'ferry-inside-root-'));
  await mkdir(join(base, 'root/a/b'), { recursive: true });
  await mkdir(join(base, 'elsewhere/b'), { recursive: true });
});
afterEach(() => rm(base, { recursive: true, force: true }));

describe('FolderGuard', () => {
  it('lets real folders through, refuses a folder swapped for a link since the first look', async () => {
    const guard = new FolderGuard(await rootNow(join(base, 'root')), join(base, 'root/a/b'));
    await guard.check();
    guard.checkNow();
    await rename(join(base, 'root/a'), join(base, 'moved'));
    await symlink(join(base, 'elsewhere'), join(base, 'root/a'));
    await expect(guard.check()).rejects.toBeInstanceOf(LinkInTheWay);
    expect(() => guard.checkNow()).toThrow(/root\/a is a link now/);
  });

  it('refuses a folder swapped for another real folder (moved in from elsewhere)', async () => {
    const guard = new FolderGuard({ path: join(base, 'root') }, join(base, 'root/a/b'));
    await guard.check();
    await rename(join(base, 'root/a/b'), join(base, 'old-b'));
    await rename(join(base, 'elsewhere/b'), join(base, 'root/a/b'));
    await expect(guard.check()).rejects.toThrow(/root\/a\/b is a link now \(or no longer/);
  });

  it('refuses the root itself replaced since it was compared', async () => {
    const root = await rootNow(join(base, 'root'));
    await rename(join(base, 'root'), join(base, 'old-root'));
    await symlink(join(base, 'old-root'), join(base, 'root'));
    const guard = new FolderGuard(root, join(base, 'root/a'));
    await expect(guard.check()).resolves.toBeUndefined(); // a link to the same folder: the same
    await rm(join(base, 'root'));
    await symlink(join(base, 'elsewhere'), join(base, 'root'));
    await expect(new FolderGuard(root, join(base, 'root')).check()).rejects.toThrow(LinkInTheWay);
  });

  it('holds only the very file opened at its name', async () => {
    const folder = join(base, 'root/a');
    const guard = new FolderGuard({ path: join(base, 'root') }, folder);
    await guard.check();
    const file = await open(join(folder, 'part'), 'wx');
    const opened = await file.stat();
    await guard.holds(join(folder, 'part'), opened);
    await rm(join(folder, 'part'));
    await (await open(join(folder, 'part'), 'wx')).close();
    await expect(guard.holds(join(folder, 'part'), opened)).rejects.toThrow(LinkInTheWay);
    expect(() => guard.holdsNow(join(folder, 'part'), opened)).toThrow(LinkInTheWay);
    await file.close();
  });

  it('a folder outside the root is refused outright; the chosen folder itself needs no look', () => {
    expect(() => new FolderGuard({ path: join(base, 'root') }, base)).toThrow(LinkInTheWay);
    expect(new FolderGuard({ path: join(base, 'root') }, join(base, 'root')).trivial).toBe(true);
  });

  it('takes a folder whose name starts with two dots ("..cache") as the folder it is', async () => {
    await mkdir(join(base, 'root/..cache/sub'), { recursive: true });
    const root = await rootNow(join(base, 'root'));
    await expect(
      new FolderGuard(root, join(base, 'root/..cache')).check(),
    ).resolves.toBeUndefined();
    const deeper = new FolderGuard({ path: join(base, 'root') }, join(base, 'root/..cache/sub'));
    await expect(deeper.check()).resolves.toBeUndefined();
    expect(isBelowOrAt('..cache')).toBe(true);
    expect(isBelowOrAt('..')).toBe(false);
    expect(isBelowOrAt(join('..', 'x'))).toBe(false);
  });
});
