/**
 * A move to another drive, as Explorer and Finder do it: copy (contents, modification time,
 * mode), check the copy (every file's size and SHA-256 read back from the new drive), then
 * remove the original. Until the copy is whole and checked it lives under a hidden temporary
 * name beside its target, so a failure or a Stop removes only that temporary copy and the
 * original stays as it was. Links are copied as links; other special files are refused before
 * anything is copied.
 */
import { randomBytes } from 'node:crypto';
import { lstat, readdir, rename, rm, rmdir, unlink } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../../shared/errors';
import {
  ByteCounter,
  changedMeanwhile,
  copyAll,
  type CrossDriveProgress,
  type TreeItem,
} from './copy-checked';
import { fsError } from '../local/fs-errors';
import { systemCode } from '../remote/net-errors';

export type { CrossDriveProgress };

export interface CrossDriveOptions {
  signal?: AbortSignal;
  progress?(progress: CrossDriveProgress): void;
  /** No progress for a move done within this (default 300 ms): nothing flashes on screen. */
  quietMs?: number;
}

/** What the page should still say although the item arrived (a leftover original). */
export interface CrossDriveOutcome {
  note?: string;
}

/** The name a copy has until it is whole and checked. */
export const TEMP_MARK = '.ferry-move-';

export async function moveAcrossDrives(
  from: string,
  to: string,
  replace: boolean,
  options: CrossDriveOptions = {},
): Promise<CrossDriveOutcome> {
  const name = path.basename(from);
  const items = await measure(from);
  const bytesTotal = items.reduce((sum, i) => sum + (i.stats.isFile() ? i.stats.size : 0), 0);
  const temp = path.join(path.dirname(to), `${TEMP_MARK}${randomBytes(6).toString('hex')}`);
  const counter = new ByteCounter(name, bytesTotal, options.progress, options.quietMs);
  try {
    await copyAll(from, temp, items, counter, () => stopIfAsked(options.signal, name));
    await checkOriginalUnchanged(from, items);
    stopIfAsked(options.signal, name);
    await place(temp, to, replace, name);
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  } finally {
    counter.finish();
  }
  // The copy is whole, checked and in place: only now does the original go — exactly what was
  // copied, so a file put into the folder meanwhile stays (with its folders) instead of being lost.
  const kept = await removeCopied(from, items);
  if (kept.changed !== undefined) {
    return {
      note: `${kept.changed} changed after it was copied, so it was not deleted: it is still there as it is now, and the moved copy holds it as it was before (move it again if you want the new version there).`,
    };
  }
  if (kept.added) {
    return {
      note: `Files were added to ${from} while it was being moved; they were not moved and are still there (move them again if you want them there too).`,
    };
  }
  if (kept.failed !== undefined) {
    return {
      note: `The original could not be removed completely (${kept.failed}); the copy is whole, so delete what is left of the original yourself.`,
    };
  }
  return {};
}

/**
 * Removes the copied items, deepest first; a folder holding something new is left, and so is a
 * file changed since it was checked (its new bytes are in no copy).
 */
async function removeCopied(
  from: string,
  items: readonly TreeItem[],
): Promise<{ added: boolean; changed?: string; failed?: string }> {
  let added = false;
  let changed: string | undefined;
  for (const { rel, stats } of [...items].reverse()) {
    const at = path.join(from, rel);
    try {
      if (stats.isDirectory()) await rmdir(at);
      else if (stillAsCopied(stats, await lstat(at))) await unlink(at);
      else changed ??= at;
    } catch (error) {
      const code = systemCode(error);
      if (code === 'ENOTEMPTY' || code === 'EEXIST') added = true;
      else if (code !== 'ENOENT') {
        const failed = fsError(error, 'delete', at).message;
        return { added, failed, ...(changed === undefined ? {} : { changed }) };
      }
    }
  }
  return changed === undefined ? { added } : { added, changed };
}

/** The same file (or link), with the size and time it had when it was copied. */
function stillAsCopied(copied: Stats, now: Stats): boolean {
  return (
    now.dev === copied.dev &&
    now.ino === copied.ino &&
    now.size === copied.size &&
    now.mtimeMs === copied.mtimeMs
  );
}

/** Every item below `from` (parents first), refusing what cannot be copied faithfully. */
async function measure(from: string): Promise<TreeItem[]> {
  const items: TreeItem[] = [];
  const queue = [''];
  while (queue.length > 0) {
    const rel = queue.shift() as string;
    const at = path.join(from, rel);
    let stats: Stats;
    try {
      stats = await lstat(at);
    } catch (error) {
      throw fsError(error, 'move', at);
    }
    if (!stats.isFile() && !stats.isDirectory() && !stats.isSymbolicLink()) {
      throw new FerryError(
        'not_supported',
        `${at} is a special file (a device, pipe or socket) that cannot be copied to another drive.`,
        'Move it within its own drive, or leave it out.',
      );
    }
    items.push({ rel, stats });
    if (stats.isDirectory()) {
      let names: string[];
      try {
        names = await readdir(at);
      } catch (error) {
        throw fsError(error, 'open', at);
      }
      queue.push(...names.sort().map((n) => path.join(rel, n)));
    }
  }
  return items;
}

/** A file written to while it was copied would lose the late change: such a move fails. */
async function checkOriginalUnchanged(from: string, items: readonly TreeItem[]): Promise<void> {
  for (const { rel, stats } of items) {
    if (!stats.isFile()) continue;
    const at = path.join(from, rel);
    const now = await lstat(at).catch(() => null);
    if (now === null || now.size !== stats.size || now.mtimeMs !== stats.mtimeMs) {
      throw changedMeanwhile(at);
    }
  }
}

/** Puts the checked copy under its name (same drive now: one rename). */
async function place(temp: string, to: string, replace: boolean, name: string): Promise<void> {
  const existing = await lstat(to).catch((error: unknown) => {
    if (systemCode(error) === 'ENOENT') return null;
    throw fsError(error, 'move', to);
  });
  if (existing !== null && (!replace || existing.isDirectory())) {
    throw new FerryError(
      'already_exists',
      `Something named "${name}" appeared in ${path.dirname(to)} while it was being copied there.`,
      'The original was left as it was. Rename one of the two, then move it again.',
    );
  }
  try {
    await rename(temp, to);
  } catch (error) {
    throw fsError(error, 'move', to);
  }
}

function stopIfAsked(signal: AbortSignal | undefined, name: string): void {
  if (signal?.aborted) {
    throw new FerryError(
      'cancelled',
      `The move was stopped; "${name}" stays where it was.`,
      'Its partial copy on the other drive was removed.',
    );
  }
}
