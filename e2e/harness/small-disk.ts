/**
 * A real, small file system (tmpfs of a chosen size) mounted on a folder, for tests of what
 * happens when a disk fills up. Needs root and a kernel that lets this process mount;
 * `canMountSmallDisks()` tells, so a suite can say why it is skipped where it cannot.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  execFileSync('mount', ['-t', 'tmpfs', '-o', options(bytes, owner), 'tmpfs', path]);
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

let mountable: boolean | undefined;

export function canMountSmallDisks(): boolean {
  if (mountable !== undefined) return mountable;
  const probe = mkdtempSync(join(tmpdir(), 'ferry-small-disk-probe-'));
  try {
    mountSmallDisk(probe, 64 * 1024).unmount();
    mountable = true;
  } catch {
    mountable = false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
  return mountable;
}
