import { randomUUID } from 'node:crypto';
import { lstat, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, posix } from 'node:path';
import type { ConflictAction } from '../../../shared/contract/settings';
import type { TransferDirection } from '../../../shared/contract/transfers';
import { FerryError } from '../../../shared/errors';
import { nameFilter } from '../../../shared/name-filter';
import type { FileEntry } from '../../../shared/types';
import { FolderGuard, LinkInTheWay, type LocalRoot } from '../local/inside-root';
import { checkRemoteName, describeUnsafeReason, printableName, resolveInside } from './safe-names';
import { makeFileJob, makeFolderJob, makeLeafJob } from './job-factory';
import type { Batch, Job, WalkTask } from './types';
import type { SeenTarget } from './seen-target';
import { localReadError } from './upload-file';
import { factsOfStats } from './walk-local';

export interface EnqueueItem {
  /** A local path (upload) or an absolute remote path (download). */
  source: string;
  /** A remote folder (upload) or a local folder (download). */
  targetFolder: string;
  /** The name to give it there; by default the source's own name. */
  targetName?: string;
  /**
   * Uploads of one file: what the caller just found at the target (null: nothing), so the job
   * does not ask the server again (over FTPS that is a listing on a new TLS connection).
   */
  targetEntry?: FileEntry | null;
  /**
   * Downloads: what the caller just found at the source (a file, a link or a folder), so the
   * job does not ask the server again (over FTPS a SIZE and an MDTM).
   */
  sourceEntry?: FileEntry;
  /** A synchronization's item: the target as its preview saw it (replaced only while so). */
  seenTarget?: SeenTarget;
  /** An upload of one file that must still be a file, not a link, when it is read. */
  linksRefused?: boolean;
  /**
   * The folder every local write (download) or read (upload of one file) must stay in, through
   * no link: a synchronization's or keep-up's.
   */
  localRoot?: LocalRoot;
}

export interface EnqueueRequest {
  sessionId: string;
  direction: TransferDirection;
  items: EnqueueItem[];
  /** What to do where a target exists, decided already (a synchronization's preview): no question. */
  conflictAction?: ConflictAction;
}

export interface CreatedJob {
  job: Job;
  /** For folder uploads: the walk of the top folder. */
  walk?: WalkTask;
}

/**
 * Builds the jobs of one enqueue call. Local sources are looked at now (cheap); remote ones
 * when their job runs, on a transfer connection (the browsing connection is never used).
 */
export async function createJobs(
  request: EnqueueRequest,
  /** Names folder walks leave out, as the settings say now. */
  excludedNames: readonly string[] = [],
): Promise<CreatedJob[]> {
  const exclude = nameFilter(excludedNames);
  const batch: Batch = {
    id: randomUUID(),
    sessionId: request.sessionId,
    direction: request.direction,
    ...(exclude ? { exclude } : {}),
    ...(request.conflictAction ? { applyToAll: request.conflictAction } : {}),
  };
  const created: CreatedJob[] = [];
  for (const item of request.items) {
    created.push(
      request.direction === 'download' ? downloadJob(batch, item) : await uploadJob(batch, item),
    );
  }
  return created;
}

function downloadJob(batch: Batch, item: EnqueueItem): CreatedJob {
  const name = item.targetName ?? posix.basename(item.source);
  const fields = { name: printableName(name), source: item.source, target: item.targetFolder };
  if (!posix.isAbsolute(item.source) || !isAbsolute(item.targetFolder)) {
    const error = new FerryError(
      'invalid_input',
      'A download needs an absolute server path and an absolute local folder.',
    );
    return { job: makeLeafJob(batch, { ...fields, state: 'failed', error }) };
  }
  const check = checkRemoteName(name);
  const target = check.safe ? resolveInside(item.targetFolder, [name]) : undefined;
  if (!check.safe || target === undefined) {
    const why = check.safe
      ? 'it would leave the chosen folder'
      : describeUnsafeReason(check.reason);
    const error = new FerryError(
      'unsafe_name',
      `Ferry cannot save "${printableName(name)}" on this computer because ${why}.`,
      name === ''
        ? 'Download the folder\'s contents instead, or pick a folder below "/".'
        : 'Rename it on the server first.',
    );
    return { job: makeLeafJob(batch, { ...fields, state: 'failed', error }) };
  }
  const known = item.sourceEntry ? { sourceEntry: item.sourceEntry } : {};
  const job = makeFileJob(batch, { ...fields, target, ...known });
  if (item.seenTarget) job.seenTarget = item.seenTarget;
  if (item.localRoot) job.localRoot = item.localRoot;
  return { job };
}

async function uploadJob(batch: Batch, item: EnqueueItem): Promise<CreatedJob> {
  const name = item.targetName ?? basename(item.source);
  const target = posix.join(item.targetFolder, name);
  const fields = { name, source: item.source, target };
  if (!isAbsolute(item.source) || !posix.isAbsolute(item.targetFolder) || name === '') {
    const error = new FerryError(
      'invalid_input',
      'An upload needs an absolute local path and an absolute server folder.',
    );
    return { job: makeLeafJob(batch, { ...fields, state: 'failed', error }) };
  }
  let stats;
  try {
    if (item.localRoot) {
      // A synchronization's item: read only through real folders below its folder, and a
      // link put in its place is not followed (run-file.ts then leaves it alone, saying why).
      await new FolderGuard(item.localRoot, dirname(item.source), true).check();
      stats = await (item.linksRefused ? lstat : stat)(item.source);
    } else {
      stats = await stat(item.source); // a link the user picked is followed once
    }
  } catch (error) {
    if (error instanceof LinkInTheWay) return { job: linkInTheWayLeaf(batch, fields, error) };
    return {
      job: makeLeafJob(batch, {
        ...fields,
        state: 'failed',
        error: localReadError(error, item.source),
      }),
    };
  }
  if (stats.isDirectory()) {
    const folder = makeFolderJob(batch, fields);
    if (item.seenTarget) folder.seenTarget = item.seenTarget;
    // Its files are read the same way: through no link (walk-local.ts, run-file.ts).
    if (item.localRoot) folder.localRoot = item.localRoot;
    return {
      job: folder,
      walk: { type: 'walk', folder, source: item.source, target, relative: '', attempts: 0 },
    };
  }
  const known = item.targetEntry !== undefined ? { targetEntry: item.targetEntry } : {};
  const job = makeFileJob(batch, { ...fields, facts: factsOfStats(stats), ...known });
  if (item.seenTarget) job.seenTarget = item.seenTarget;
  if (item.linksRefused) job.linksRefused = true;
  if (item.localRoot) job.localRoot = item.localRoot;
  return { job };
}

/** An upload left alone: a folder on its way became a link since the comparison. */
function linkInTheWayLeaf(
  batch: Batch,
  fields: { name: string; source: string; target: string },
  error: LinkInTheWay,
): Job {
  const note = `${error.message} ${error.hint ?? ''}`.trim();
  const leaf = makeLeafJob(batch, { ...fields, state: 'skipped', note });
  leaf.row.leftAlone = 'link';
  return leaf;
}
