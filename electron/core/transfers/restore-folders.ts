/**
 * A folder transfer across a restart: its saved files and unlisted subfolders all name the
 * folder the user chose (`folder`) and the folder transfer's own name first (`path[0]`), so they
 * come back under one folder row again, which also counts the files that had finished before
 * (`earlier`, kept on the folder's first saved entry).
 */
import { dirname, join, posix } from 'node:path';
import type { TransferDirection } from '../../../shared/contract/transfers';
import { makeFolderJob } from './job-factory';
import { printableName } from './safe-names';
import type { EarlierProgress, SavedJob } from './saved-queue-format';
import type { Batch, FolderJob, Job } from './types';

export class RestoredFolders {
  private readonly folders = new Map<string, FolderJob>();

  constructor(
    private readonly batchOf: (direction: TransferDirection) => Batch,
    /** A new folder row, to add before its files. */
    private readonly added: (folder: FolderJob) => void,
  ) {}

  /** The folder row of a saved file or subfolder of a folder transfer; undefined for a whole one. */
  of(entry: SavedJob): FolderJob | undefined {
    if (entry.path.length < 2) return undefined;
    const existing = this.folders.get(keyOf(entry));
    if (existing) {
      if (entry.earlier && !existing.earlier) this.countEarlier(existing, entry.earlier);
      return existing;
    }
    const download = entry.direction === 'download';
    const top = entry.path[0] ?? '';
    // The folder's source is the file's, as many levels up as the file is below the folder.
    let source = entry.source;
    for (let up = 1; up < entry.path.length; up++) {
      source = download ? posix.dirname(source) : dirname(source);
    }
    const target = download ? join(entry.folder, top) : posix.join(entry.folder, top);
    return this.make(entry, { name: printableName(top), source, target });
  }

  /** A folder transfer saved before its first listing: its row, listed again from the top. */
  whole(entry: SavedJob, fields: { name: string; source: string; target: string }): FolderJob {
    return this.folders.get(keyOf(entry)) ?? this.make(entry, fields);
  }

  private make(
    entry: SavedJob,
    fields: { name: string; source: string; target: string },
  ): FolderJob {
    const folder = makeFolderJob(this.batchOf(entry.direction), fields);
    folder.row.note = 'Restored: it was not finished when Ferry closed.';
    if (entry.earlier) this.countEarlier(folder, entry.earlier);
    this.folders.set(keyOf(entry), folder);
    this.added(folder);
    return folder;
  }

  /** The row starts with the files done before the restart (the board counts them on). */
  private countEarlier(folder: FolderJob, earlier: EarlierProgress): void {
    folder.earlier = { ...earlier };
    folder.row.bytes += earlier.bytes;
    folder.row.total = (folder.row.total ?? 0) + earlier.bytes;
    if (folder.row.files) {
      folder.row.files.total += earlier.files;
      folder.row.files.done += earlier.files;
    }
  }
}

function keyOf(entry: SavedJob): string {
  return JSON.stringify([entry.direction, entry.folder, entry.path[0]]);
}

/**
 * What of a folder transfer had finished, for its first saved entry: its files done in this run
 * and before (an earlier restart).
 */
export function earlierOf(folder: FolderJob): EarlierProgress {
  const done = folder.children.filter(
    (child) => child.row.state === 'done' && child.row.kind === 'file' && !child.walk,
  );
  return {
    files: (folder.earlier?.files ?? 0) + done.length,
    bytes: (folder.earlier?.bytes ?? 0) + done.reduce((sum, child) => sum + child.row.bytes, 0),
  };
}

/** The folder a kept file or unlisted subfolder belongs to, if any. */
export function folderOfWork(
  work: Job | { type: 'walk'; folder: FolderJob },
): FolderJob | undefined {
  if (work.type === 'walk') return work.folder;
  return work.type === 'file' ? work.parent : undefined;
}
