import type { Stats } from 'node:fs';
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EntryKind, FileEntry, Listing } from '../../../shared/types';
import { fsError } from './fs-errors';

/** How many entries are examined at once: enough to keep libuv busy, bounded for huge folders. */
const CONCURRENCY = 64;

function kindOf(stats: Stats): EntryKind {
  if (stats.isDirectory()) return 'folder';
  if (stats.isFile()) return 'file';
  if (stats.isSymbolicLink()) return 'symlink';
  return 'other';
}

/** Describes one entry. Never throws: an entry we cannot examine is still listed, with blanks. */
export async function describeEntry(folder: string, name: string): Promise<FileEntry> {
  const full = join(folder, name);
  const hidden = name.startsWith('.');
  let own: Stats;
  try {
    own = await lstat(full);
  } catch {
    // Vanished between readdir and lstat, or unreadable: show the name, not a failed listing.
    return { name, kind: 'other', size: 0, modified: null, mode: null, hidden };
  }
  const entry: FileEntry = {
    name,
    kind: kindOf(own),
    size: own.isFile() ? own.size : 0,
    modified: own.mtimeMs,
    mode: own.mode & 0o7777,
    hidden,
  };
  if (!own.isSymbolicLink()) return entry;

  entry.target = await readlink(full).catch(() => undefined);
  if (entry.target === undefined) delete entry.target;
  // A link shows what it points to (size, date, whether it opens like a folder).
  const target = await stat(full).catch(() => undefined);
  if (target) {
    entry.targetKind = kindOf(target);
    entry.size = target.isFile() ? target.size : 0;
    entry.modified = target.mtimeMs;
  }
  return entry;
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Lists an absolute, normalised folder path. */
export async function listFolder(folder: string): Promise<Listing> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw fsError(error, 'open', folder);
  }
  const entries = await mapLimited(names, CONCURRENCY, (name) => describeEntry(folder, name));
  return { path: folder, entries };
}
