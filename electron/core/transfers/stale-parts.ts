import type { Stats } from 'node:fs';
import { lstat, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isLivePartPath, isPartFileName, isPartNameOf } from './part-file';

/**
 * A part file nobody wrote to for this long belongs to no running download, not even one of
 * another Ferry process (a running download writes all the time; a paused one has closed it).
 */
export const STALE_AFTER_MS = 60_000;

/** A part file an earlier run left for a target (it crashed or was killed mid-download). */
export interface StalePart {
  path: string;
  size: number;
  /** Epoch ms of its last write. */
  modified: number;
  /** Identifies the file, so a name swapped meanwhile is not mistaken for it. */
  dev: number;
  ino: number;
}

/**
 * Finds the part files earlier runs left beside download targets, as FileZilla and WinSCP do,
 * so a download can continue from one or clear them away. Each folder is read once per
 * queue run: its leftovers are older than the run, and what appears later is the run's own.
 */
export class StalePartFinder {
  private readonly folders = new Map<string, Promise<string[]>>();

  /** Ferry's leftover part files of `target`: exact names, plain files, no running job's. */
  async find(target: string): Promise<StalePart[]> {
    const folder = dirname(target);
    let names = this.folders.get(folder);
    if (!names) {
      names = readdir(folder).then(
        (all) => all.filter(isPartFileName),
        () => [],
      );
      this.folders.set(folder, names);
    }
    const found: StalePart[] = [];
    for (const name of await names) {
      if (!isPartNameOf(target, name)) continue;
      const part = await stalePart(join(folder, name));
      if (part) found.push(part);
    }
    return found;
  }

  /** Forgets what the folders held (the queue went idle: the next run looks again). */
  clear(): void {
    this.folders.clear();
  }
}

async function stalePart(path: string): Promise<StalePart | undefined> {
  if (isLivePartPath(path)) return undefined;
  const stats = await lstat(path).catch(() => undefined);
  // Never a link (it could point anywhere), and never a file something still writes to.
  if (!stats?.isFile() || Date.now() - stats.mtimeMs < STALE_AFTER_MS) return undefined;
  return { path, size: stats.size, modified: stats.mtimeMs, dev: stats.dev, ino: stats.ino };
}

function sameFile(stats: Stats | undefined, part: StalePart): boolean {
  return stats?.isFile() === true && stats.dev === part.dev && stats.ino === part.ino;
}

/** The largest leftover the remote file (of `remoteSize` bytes, if known) can continue. */
export function resumableStalePart(
  parts: readonly StalePart[],
  remoteSize: number | null,
): StalePart | undefined {
  if (remoteSize === null) return undefined;
  const fitting = parts.filter((part) => part.size > 0 && part.size <= remoteSize);
  return fitting.sort((a, b) => b.size - a.size)[0];
}

/**
 * Moves the leftover to the job's own part path, so the job continues it; false when it
 * changed meanwhile (then nothing is continued).
 */
export async function adoptStalePart(part: StalePart, ownPart: string): Promise<boolean> {
  if (!sameFile(await lstat(part.path).catch(() => undefined), part)) return false;
  const moved = await rename(part.path, ownPart).then(
    () => true,
    () => false,
  );
  if (!moved) return false;
  // Swapped between the look and the rename: not the file that was judged, so not resumed.
  if (!sameFile(await lstat(ownPart).catch(() => undefined), part)) {
    await rename(ownPart, part.path).catch(() => undefined);
    return false;
  }
  return true;
}

/** Removes leftovers after the download they belonged to succeeded; each is looked at again. */
export async function removeStaleParts(parts: readonly StalePart[]): Promise<void> {
  for (const part of parts) {
    const again = await stalePart(part.path);
    if (again && again.dev === part.dev && again.ino === part.ino) {
      await rm(part.path, { force: true }).catch(() => undefined);
    }
  }
}

/** For the job's note. */
export function describeAdopted(part: StalePart): string {
  return `Continued from the ${part.size} bytes an earlier, interrupted run left.`;
}
