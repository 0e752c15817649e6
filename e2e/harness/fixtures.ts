/**
 * Server-side fixtures inside an instance root, owned by the test user. The harness runs as
 * root; files it creates must still be changeable by the servers, which act as the test user.
 */
import { chmod, lchown, mkdir, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { HarnessError } from './processes';

export interface Fixtures {
  mkdir(rel: string): Promise<string>;
  writeFile(rel: string, data: string | Buffer): Promise<string>;
  symlink(target: string, rel: string): Promise<string>;
  /** A folder the test user cannot read (mode 000). */
  makeUnreadable(rel: string): Promise<string>;
  abs(rel: string): string;
}

export function createFixtures(root: string, uid: number, gid: number): Fixtures {
  const abs = (rel: string): string => {
    const path = resolve(root, rel.replace(/^\/+/, ''));
    const inside = relative(root, path);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new HarnessError(`Fixture path "${rel}" leaves the instance root ${root}.`);
    }
    return path;
  };

  /** mkdir -p, handing every folder it creates to the test user. */
  const ensureDir = async (path: string): Promise<void> => {
    if (path === root || existsSync(path)) return;
    await ensureDir(dirname(path));
    await mkdir(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    await lchown(path, uid, gid);
  };

  return {
    abs,
    async mkdir(rel) {
      const path = abs(rel);
      await ensureDir(path);
      return path;
    },
    async writeFile(rel, data) {
      const path = abs(rel);
      await ensureDir(dirname(path));
      await writeFile(path, data);
      await lchown(path, uid, gid);
      return path;
    },
    async symlink(target, rel) {
      const path = abs(rel);
      await ensureDir(dirname(path));
      await symlink(target, path);
      await lchown(path, uid, gid);
      return path;
    },
    async makeUnreadable(rel) {
      const path = abs(rel);
      await ensureDir(path);
      await chmod(path, 0o000);
      return path;
    },
  };
}
