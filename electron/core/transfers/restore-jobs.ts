/**
 * Between a queue and the saved list (saved-queue.ts): which jobs are worth keeping when Ferry
 * closes, their saved form, and the jobs made again from it at the next start.
 */
import { randomUUID } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import type { TransferDirection } from '../../../shared/contract/transfers';
import { nameFilter } from '../../../shared/name-filter';
import { makeFileJob } from './job-factory';
import { claimPartPath } from './part-file';
import { RestoredFolders } from './restore-folders';
import { partPathOf, savedJobOf, targetOf, type SavedJob } from './saved-queue-format';
import { printableName } from './safe-names';
import type { Batch, FileJob, Job, WalkTask } from './types';

/** Failures no retry can mend: not worth offering again. */
const HOPELESS: ReadonlySet<string> = new Set(['unsafe_name', 'invalid_input']);

/** A file that is not finished (queued, paused, running, failed) and could still succeed. */
export function isKeptJob(job: Job): job is FileJob {
  if (job.type !== 'file' || job.row.kind !== 'file' || job.walk) return false;
  const { state, error } = job.row;
  if (state === 'failed') return !HOPELESS.has(error?.code ?? '');
  return state === 'queued' || state === 'active';
}

/** The saved form of a kept job: the folder the user chose, and the names below it. */
export function saveJob(job: FileJob): SavedJob | undefined {
  const direction = job.batch.direction;
  const top = job.parent ?? job;
  const chosen = direction === 'download' ? dirname(top.row.target) : posix.dirname(top.row.target);
  const part = direction === 'download' ? job.partPath : job.uploadTempPath;
  const size = job.row.total;
  const saved = savedJobOf(
    direction,
    job.row.source,
    chosen,
    job.row.target,
    size,
    part,
    job.resumable,
    job.decision,
    job.createdTarget ? createdRecord(job) : undefined,
  );
  // A file of a folder only one side had expects nothing at its target: kept as its own.
  const seen = job.seenTarget ?? job.parent?.seenTarget;
  if (saved && seen) saved.seen = seen;
  if (saved && job.linksRefused) saved.noLinks = true;
  const within = job.localRoot ?? job.parent?.localRoot;
  if (saved && within) saved.within = within.path;
  return saved;
}

/** A new file's upload: what the server said of the file when Ferry closed, where it could ask. */
function createdRecord(job: FileJob): NonNullable<SavedJob['created']> {
  const left = job.leftBehind;
  if (left === undefined) return {};
  return left.modified === null
    ? { size: left.size }
    : { size: left.size, modified: left.modified };
}

/** The saved form of a folder not listed yet: its walk starts again after a restart. */
export function saveWalk(walk: WalkTask): SavedJob | undefined {
  const direction = walk.folder.batch.direction;
  const top = walk.folder.row.target;
  const chosen = direction === 'download' ? dirname(top) : posix.dirname(top);
  const saved = savedJobOf(direction, walk.source, chosen, walk.target, null, undefined, false);
  const seen = walk.folder.seenTarget;
  const within = walk.folder.localRoot?.path;
  return (
    saved && { kind: 'folder', ...saved, ...(seen ? { seen } : {}), ...(within ? { within } : {}) }
  );
}

/**
 * Makes jobs of `sessionId` again from saved ones whose paths pass the checks once more (a
 * tampered file cannot write outside the folders the user chose). A download continues its part
 * file; an upload continues as after a retry. The files and unlisted subfolders of a folder
 * transfer come back under their folder's row (restore-folders.ts). `jobs` is every row in the
 * order to add them (a folder before its files), `top` the whole transfers among them.
 */
export function jobsFromSaved(
  sessionId: string,
  saved: readonly SavedJob[],
  /** Names folder walks leave out, as the settings say now. */
  excludedNames: readonly string[] = [],
): { jobs: Job[]; top: Job[]; files: FileJob[]; walks: WalkTask[] } {
  const exclude = nameFilter(excludedNames);
  const batches = new Map<TransferDirection, Batch>();
  const batchOf = (direction: TransferDirection): Batch => {
    let batch = batches.get(direction);
    if (!batch) {
      batch = { id: randomUUID(), sessionId, direction, ...(exclude ? { exclude } : {}) };
      batches.set(direction, batch);
    }
    return batch;
  };
  /** Files and folders in the saved order: the start order the user left. */
  const jobs: Job[] = [];
  const top: Job[] = [];
  const files: FileJob[] = [];
  const walks: WalkTask[] = [];
  const folders = new RestoredFolders(batchOf, (folder) => {
    jobs.push(folder);
    top.push(folder);
  });
  for (const entry of saved) {
    const target = targetOf(entry);
    if (target === undefined) continue;
    const folder = folders.of(entry);
    if (folder && entry.kind === 'folder' && entry.seen) folder.seenTarget = entry.seen;
    // Restored, the folder is looked at as it is now (its identity then is not kept).
    if (folder && entry.within) folder.localRoot = { path: entry.within };
    const name = printableName(folder ? entry.path.slice(1).join('/') : (entry.path.at(-1) ?? ''));
    if (entry.kind === 'folder') {
      // Listed again, from the top of that folder, into its place.
      if (folder) {
        const relative = entry.path.slice(1).join('/');
        walks.push({ type: 'walk', folder, source: entry.source, target, relative, attempts: 0 });
      } else {
        const whole = folders.whole(entry, { name, source: entry.source, target });
        if (entry.seen) whole.seenTarget = entry.seen;
        if (entry.within) whole.localRoot = { path: entry.within };
        walks.push({
          type: 'walk',
          folder: whole,
          source: entry.source,
          target,
          relative: '',
          attempts: 0,
        });
      }
      continue;
    }
    const job = makeFileJob(batchOf(entry.direction), {
      name,
      source: entry.source,
      target,
      ...(folder ? { parent: folder } : {}),
    });
    job.row.total = entry.size;
    job.row.note = 'Restored: it was not finished when Ferry closed.';
    continueWhereStopped(job, entry, partPathOf(entry, target));
    if (entry.seen) job.seenTarget = entry.seen;
    if (entry.noLinks) job.linksRefused = true;
    if (entry.within && !folder) job.localRoot = { path: entry.within };
    jobs.push(job);
    if (!folder) top.push(job);
    files.push(job);
  }
  return { jobs, top, files, walks };
}

/**
 * What the earlier run had done for this file. A download replaces a local file only after the
 * usual question: a saved answer is not taken on trust, and continuing needs the part file that
 * run left, right there (else it starts afresh, asking first). An upload continues as after a
 * retry: into its temporary file, or after the bytes of the new file it was writing.
 */
function continueWhereStopped(job: FileJob, entry: SavedJob, part: string | undefined): void {
  if (entry.direction === 'download') {
    if (part === undefined) return;
    job.partPath = part;
    claimPartPath(part);
    job.resumable = entry.resume === true && isPlainFile(part);
    return;
  }
  if (entry.decision !== undefined) job.decision = entry.decision;
  if (part !== undefined) job.uploadTempPath = part;
  if (entry.created !== undefined) job.createdTarget = true;
  job.resumable = entry.resume === true;
}

function isPlainFile(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isFile() === true;
}
