/**
 * The file that keeps the unfinished transfers across a restart (`unfinished-transfers.json`):
 * its versioned shape, and the checks a saved job passes again before it may become a job.
 * Never a password, passphrase or token: a server is a saved site's id or a quick connection's
 * protocol, host, port and user.
 */
import { basename, dirname, isAbsolute, join, posix, relative } from 'node:path';
import type { ConflictAction } from '../../../shared/contract/settings-values';
import type { TransferDirection } from '../../../shared/contract/transfers';
import type { Protocol } from '../../../shared/protocols';
import type { OwnerProcess } from './owner-process';
import { isBelowOrAt } from '../local/inside-root';
import { isPartNameOf } from './part-file';
import type { SeenTarget } from './seen-target';
import { checkRemoteName, resolveInside } from './safe-names';
import { isUploadTempName } from './upload-temp';

export const SAVED_QUEUE_FORMAT = 'ferry.unfinished-transfers';
export const SAVED_QUEUE_VERSION = 1;
/** More than anyone queues by hand; a file beyond it is not Ferry's doing. */
export const MAX_SAVED_JOBS = 50_000;
/** A bigger file is not read (set aside as damaged). */
export const MAX_SAVED_BYTES = 32 * 1024 * 1024;

export const MAX_PATH = 4096;

/**
 * One file still to transfer, or a folder not listed yet (`kind: 'folder'`: its walk starts
 * again). `folder` is the folder the user chose; `path` the names below it.
 */
export interface SavedJob {
  kind?: 'folder';
  direction: TransferDirection;
  /** A remote path (download) or a local path (upload). */
  source: string;
  folder: string;
  path: string[];
  /** Bytes, when known. */
  size: number | null;
  /** Name of the job's part file (download) or server-side temporary file (upload), beside the target. */
  part?: string;
  /** Bytes already moved into `part` (or into the target, for a new remote file): continue them. */
  resume?: boolean;
  /** The answer about an existing target, once given (an upload that began its file: overwrite). */
  decision?: ConflictAction;
  /**
   * An upload of a new file (nothing was at the target): the file there is Ferry's. `size` and
   * `modified` (the server's clock) say what the server had when Ferry closed; absent when it
   * could not be asked. A Discard deletes the file only while it is still exactly that.
   */
  created?: { size?: number; modified?: number };
  /**
   * On the first saved file of a folder transfer: what of that folder had finished before (its
   * row counts them again after a restore).
   */
  earlier?: EarlierProgress;
  /**
   * A synchronization's job: its target as the preview saw it. A restored job replaces (or
   * creates) the target only while it is still so, as it would have before the restart.
   */
  seen?: SeenTarget;
  /** An upload that never reads through a link (a synchronization's, a keep-up's): still so. */
  noLinks?: true;
  /**
   * A synchronization's (or keep-up's) local folder: the download's target, the upload's source,
   * lies below it, and every local write or read stays inside it through no link, still so.
   */
  within?: string;
}

/** A folder transfer's files that were done before Ferry closed, and their bytes. */
export interface EarlierProgress {
  files: number;
  bytes: number;
}

/** The process that keeps a server's entry up to date (saved-queue-shared.ts); none once it closed. */
export interface SavedOwner extends OwnerProcess {
  token: string;
}

/** How to reach a server again. */
export interface SavedServer {
  site?: { id: string; name: string };
  protocol: Protocol;
  host: string;
  port: number;
  user: string;
  /** The SSH jump host it was reached through, in words (never its secrets); absent: none. */
  jump?: string;
  jobs: SavedJob[];
  /**
   * Discarded uploads whose temporary file is still on this server (it was not reachable):
   * deleted the next time a session to it is open, by the exact name kept here.
   */
  leftovers?: SavedJob[];
  owner?: SavedOwner;
}

export interface SavedQueueFile {
  format: typeof SAVED_QUEUE_FORMAT;
  version: typeof SAVED_QUEUE_VERSION;
  savedAt: number;
  servers: SavedServer[];
}

/**
 * Where a saved job writes, checked as when the job was made: every name below the chosen
 * folder is a single safe name, and the result stays inside that folder. Undefined: unsafe.
 */
export function targetOf(job: SavedJob): string | undefined {
  if (job.source.includes('\0') || job.folder.includes('\0')) return undefined;
  if (job.within !== undefined && !holds(job.within, job)) return undefined;
  if (job.direction === 'download') {
    if (!posix.isAbsolute(job.source) || !isAbsolute(job.folder)) return undefined;
    if (!job.path.every((name) => checkRemoteName(name).safe)) return undefined;
    return resolveInside(job.folder, job.path);
  }
  if (!isAbsolute(job.source) || !posix.isAbsolute(job.folder)) return undefined;
  if (!job.path.every(isPlainRemoteName)) return undefined;
  const target = posix.join(job.folder, ...job.path);
  const below = posix.relative(posix.normalize(job.folder), target);
  // "..cache" is a name like any other; only ".." itself leaves the folder.
  return below === '' || below === '..' || below.startsWith('../') ? undefined : target;
}

/** Whether `within` is an absolute local folder holding the job's local side (or is it). */
function holds(within: string, job: SavedJob): boolean {
  if (within.includes('\0') || !isAbsolute(within)) return false;
  const local = job.direction === 'download' ? job.folder : dirname(job.source);
  return isBelowOrAt(relative(within, local));
}

/** An upload's names come from this computer: any one name the server can hold. */
function isPlainRemoteName(name: string): boolean {
  return name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\0');
}

/**
 * The part file's path, only when its name is exactly one Ferry gives this target (a download's
 * part file, an upload's temporary file): a saved name cannot point at any other file.
 */
export function partPathOf(job: SavedJob, target: string): string | undefined {
  if (job.part === undefined) return undefined;
  if (job.direction === 'download') {
    return isPartNameOf(target, job.part) ? join(dirname(target), job.part) : undefined;
  }
  return isUploadTempName(posix.basename(target), job.part)
    ? posix.join(posix.dirname(target), job.part)
    : undefined;
}

/** Drops a part name that is not this target's (then the job starts over). */
export function withSafePart(job: SavedJob): SavedJob {
  const target = targetOf(job);
  if (job.part === undefined || target === undefined) return job;
  if (partPathOf(job, target) !== undefined) return job;
  const { part: _part, resume: _resume, ...rest } = job;
  return rest;
}

/** The saved form of a job (for writing): its chosen folder and the names below it. */
export function savedJobOf(
  direction: TransferDirection,
  source: string,
  chosenFolder: string,
  target: string,
  size: number | null,
  part: string | undefined,
  resume: boolean,
  decision?: ConflictAction,
  created?: SavedJob['created'],
): SavedJob | undefined {
  const rel =
    direction === 'download'
      ? relative(chosenFolder, target)
      : posix.relative(chosenFolder, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  const names = rel.split(direction === 'download' ? /[\\/]/ : '/');
  const job: SavedJob = { direction, source, folder: chosenFolder, path: names, size };
  if (part !== undefined) {
    job.part = direction === 'download' ? basename(part) : posix.basename(part);
  }
  if (resume) job.resume = true;
  if (decision !== undefined) job.decision = decision;
  if (created !== undefined && direction === 'upload') job.created = created;
  return job;
}
