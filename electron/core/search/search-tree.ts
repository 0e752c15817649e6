/**
 * Walks a server's folders breadth-first below one folder and reports what matches. Links are
 * never followed into folders (a link loop cannot make it endless); folders the server will not
 * list are counted and left out; names that are not names are counted and never become paths.
 */
import { posix } from 'node:path';
import type { SearchCounts, SearchHit } from '../../../shared/contract/search';
import { FerryError, type ErrorCode } from '../../../shared/errors';
import type { FileEntry } from '../../../shared/types';
import type { RemoteFs } from '../remote/remote-fs';
import { isSelfOrParent, refusedFtpNameReason, refusedNameReason } from '../remote/server-names';
import type { EntryMatcher } from './matcher';

export interface TreeLimits {
  /** Levels of subfolders below the root to look into (0: the root only). */
  depth: number;
  folders: number;
  results: number;
}

export interface TreeReport {
  /** A folder is about to be listed. */
  listing(path: string): void;
  hit(hit: SearchHit): void;
  unreadable(path: string): void;
}

export type TreeOutcome =
  { outcome: 'done' | 'stopped' } | { outcome: 'limit'; limit: 'folders' | 'results' };

/** What the server may answer for one folder without the search having to stop. */
const LEFT_OUT: readonly ErrorCode[] = ['permission_denied', 'not_found', 'not_a_folder'];

interface Pending {
  path: string;
  depth: number;
}

export interface TreeSearch {
  fs: RemoteFs;
  root: string;
  matches: EntryMatcher;
  limits: TreeLimits;
  /** Folders listed at once (SFTP answers several requests in flight; FTP one at a time). */
  parallel: number;
  signal: AbortSignal;
  report: TreeReport;
  /** Counted as the walk goes; the caller reads them for its progress. */
  counts: SearchCounts;
}

/**
 * Resolves when the walk ends: every folder seen, a limit reached, or `signal` aborted (then at
 * once, leaving listings in flight to the caller, who closes the connection). Rejects when the
 * root cannot be listed or the connection fails.
 */
export function searchTree(search: TreeSearch): Promise<TreeOutcome> {
  const { fs, limits, parallel, signal, counts, report } = search;
  const refused = fs.protocol === 'ftp' ? refusedFtpNameReason : refusedNameReason;
  const queue: Pending[] = [{ path: posix.normalize(search.root), depth: 0 }];
  let head = 0;
  let inFlight = 0;
  let started = 0;

  return new Promise<TreeOutcome>((resolve, reject) => {
    let ended = false;
    const end = (result: TreeOutcome | Error) => {
      if (ended) return;
      ended = true;
      signal.removeEventListener('abort', onAbort);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onAbort = () => end({ outcome: 'stopped' });
    if (signal.aborted) return end({ outcome: 'stopped' });
    signal.addEventListener('abort', onAbort);

    const take = (folder: Pending, entries: readonly FileEntry[]) => {
      for (const entry of entries) {
        if (isSelfOrParent(entry.name)) continue;
        if (refused(entry.name) !== undefined) {
          counts.refusedNames++;
          continue;
        }
        if (search.matches(entry)) {
          report.hit(hitOf(folder.path, entry));
          counts.found++;
          if (counts.found >= limits.results) return end({ outcome: 'limit', limit: 'results' });
        }
        if (entry.kind !== 'folder') continue; // links to folders are not followed: loops
        if (folder.depth + 1 > limits.depth) counts.tooDeep++;
        else queue.push({ path: posix.join(folder.path, entry.name), depth: folder.depth + 1 });
      }
    };

    const listOne = async (folder: Pending) => {
      report.listing(folder.path);
      try {
        const listing = await fs.list(folder.path);
        if (ended) return;
        counts.folders++;
        counts.refusedNames += listing.skipped?.length ?? 0;
        take(folder, listing.entries);
      } catch (error) {
        if (ended) return;
        // The folder the user asked for must be there; one below it may be locked or gone.
        if (folder.depth === 0 || !isLeftOut(error)) throw error;
        counts.unreadable++;
        report.unreadable(folder.path);
      }
    };

    const pump = () => {
      if (ended) return;
      while (inFlight < parallel && head < queue.length && started < limits.folders) {
        const folder = queue[head++] as Pending;
        started++;
        inFlight++;
        listOne(folder).then(
          () => {
            inFlight--;
            pump();
          },
          (error: unknown) => end(asError(error)),
        );
      }
      if (inFlight > 0) return;
      // Nothing left to list: finished, unless folders are left that the limit keeps out.
      if (head < queue.length) end({ outcome: 'limit', limit: 'folders' });
      else end({ outcome: 'done' });
    };
    pump();
  });
}

function hitOf(folder: string, entry: FileEntry): SearchHit {
  const hit: SearchHit = {
    folder,
    name: entry.name,
    kind: entry.kind,
    size: entry.size,
    modified: entry.modified,
  };
  if (entry.targetKind !== undefined) hit.targetKind = entry.targetKind;
  return hit;
}

function isLeftOut(error: unknown): boolean {
  return error instanceof FerryError && LEFT_OUT.includes(error.code);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
