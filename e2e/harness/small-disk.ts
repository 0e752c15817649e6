/**
 * A real, small file system (tmpfs of a chosen size) mounted on a folder, for tests of what
 * happens when a disk fills up. Needs root, as the rest of the harness does (it runs sshd and
 * vsftpd and makes their test user): where it cannot mount, the test fails saying why.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export interface SmallDisk {
  readonly path: string;
  /** Gives the file system more room, keeping what it holds (like freeing space). */
  grow(bytes: number): void;
  unmount(): void;
}

function options(bytes: number, owner?: { uid: number; gid: number }): string {
  const ids = owner ? `,uid=${owner.uid},gid=${owner.gid},mode=0755` : '';
  return `size=${bytes}${ids}`;
}

export function mountSmallDisk(
  path: string,
  bytes: number,
  owner?: { uid: number; gid: number },
): SmallDisk {
  mkdirSync(path, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options(bytes, owner), 'tmpfs', path], {
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
    grow(more) {
      execFileSync('mount', ['-o', `remount,size=${more}`, path]);
    },
    unmount() {
      if (!mounted) return;
      mounted = false;
      execFileSync('umount', ['--lazy', path]);
    },
  };
}
