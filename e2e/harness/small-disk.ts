/**
 * A real, small file system (tmpfs of a chosen size) mounted on a folder, for tests of what
 * happens when a disk fills up. Needs root, as the rest of the harness does (it runs sshd and
 * vsftpd and makes their test user): where it cannot mount, the test fails saying why.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export interface SmallDisk {
  readonly path: string;
  /** Gives the file system more room (and files), keeping what it holds (like freeing space). */
  grow(bytes: number): void;
  unmount(): void;
}

export interface SmallDiskOptions {
  owner?: { uid: number; gid: number };
  /** At most this many files and folders (tmpfs nr_inodes): a disk full of names, not bytes. */
  inodes?: number;
}

function options(bytes: number, { owner, inodes }: SmallDiskOptions): string {
  const ids = owner ? `,uid=${owner.uid},gid=${owner.gid},mode=0755` : '';
  return `size=${bytes}${ids}${inodes === undefined ? '' : `,nr_inodes=${inodes}`}`;
}

export function mountSmallDisk(
  path: string,
  bytes: number,
  more: SmallDiskOptions = {},
): SmallDisk {
  mkdirSync(path, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options(bytes, more), 'tmpfs', path], {
      stdio: 'pipe',
    });
  } catch (error) {
    const said = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new Error(
      `The full-disk tests mount a small tmpfs, which needs root (as the whole harness does): ${said}`,
      { cause: error },
    );
  }
  let mounted = true;
  return {
    path,
    grow(bigger) {
      execFileSync('mount', ['-o', `remount,size=${bigger},nr_inodes=${bigger >> 10}`, path]);
    },
    unmount() {
      if (!mounted) return;
      mounted = false;
      execFileSync('umount', ['--lazy', path]);
    },
  };
}
