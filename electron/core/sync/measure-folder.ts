/**
 * The entries of one side that synchronization may touch, and the size of a folder that is on
 * one side only (its files and bytes, for the preview; whether all of it could be read, so a
 * folder is never deleted with contents the preview did not count).
 */
import { join, posix } from 'node:path';
import type { NameFilter } from '../../../shared/name-filter';
import type { FileEntry, Listing } from '../../../shared/types';
import { listFolder } from '../local/list-folder';
import type { RemoteFs } from '../remote/remote-fs';
import { isSelfOrParent } from '../remote/server-names';

export interface SideCounts {
  excluded: number;
  refusedNames: number;
}

export class Side {
  constructor(
    readonly fs: RemoteFs,
    private readonly exclude: NameFilter | undefined,
    private readonly refused: (name: string) => string | undefined,
    readonly signal: AbortSignal,
    readonly counts: SideCounts,
  ) {}

  /**
   * Files and folders only: links are left alone (never followed, never replaced or deleted);
   * excluded names and, from the server, names that are not names are counted and dropped.
   */
  usable(entries: readonly FileEntry[], where: 'local' | 'server'): FileEntry[] {
    return entries.filter((entry) => {
      if (isSelfOrParent(entry.name)) return false;
      if (where === 'server' && this.refused(entry.name) !== undefined) {
        this.counts.refusedNames++;
        return false;
      }
      if (entry.kind !== 'file' && entry.kind !== 'folder') return false;
      if (this.exclude?.excludes(entry.name, entry.kind === 'folder') !== undefined) {
        this.counts.excluded++;
        return false;
      }
      return true;
    });
  }

  list(where: 'local' | 'server', path: string) {
    return where === 'server' ? this.fs.list(path) : listFolder(path);
  }
}

export interface Measured {
  files: number;
  bytes: number;
  /**
   * Names found inside that stay (excluded, or not usable names from the server), so the folder
   * cannot go as a whole.
   */
  excluded: number;
  /** Subfolders (relative to the folder) that could not be read. */
  unreadable: string[];
  /** Links found inside (never followed, never counted as files). */
  links: number;
}

/** Walks one side's folder breadth-first, links not followed, at most `maxFolders` folders. */
export async function measureFolder(
  side: Side,
  top: { where: 'local' | 'server'; path: string },
  maxFolders: number,
): Promise<Measured> {
  const measured: Measured = { files: 0, bytes: 0, excluded: 0, unreadable: [], links: 0 };
  const own: SideCounts = { excluded: 0, refusedNames: 0 };
  const counting = new Side(side.fs, undefined, () => undefined, side.signal, own);
  const joinTo = top.where === 'server' ? posix.join : join;
  const queue = [''];
  for (let head = 0; head < queue.length && head < maxFolders; head++) {
    if (side.signal.aborted) break;
    const rel = queue[head] as string;
    let listing: Listing;
    try {
      listing = await side.list(top.where, rel === '' ? top.path : joinTo(top.path, rel));
    } catch {
      measured.unreadable.push(rel);
      continue;
    }
    const { entries } = listing;
    for (const entry of entries) if (entry.kind === 'symlink') measured.links++;
    const kept = side.usable(entries, top.where);
    // Names the server listed that are not names stay too: Ferry cannot address them.
    const unusable = listing.skipped?.length ?? 0;
    side.counts.refusedNames += unusable;
    measured.excluded += counting.usable(entries, top.where).length - kept.length + unusable;
    for (const entry of kept) {
      if (entry.kind === 'folder') queue.push(rel === '' ? entry.name : `${rel}/${entry.name}`);
      else {
        measured.files++;
        measured.bytes += entry.size;
      }
    }
  }
  if (queue.length > maxFolders) measured.unreadable.push('');
  return measured;
}
