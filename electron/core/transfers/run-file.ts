import { lstatSync, type Stats } from 'node:fs';
import { lstat, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import type { ConflictAction } from '../../../shared/contract/settings';
import { FerryError } from '../../../shared/errors';
import { quickDisk } from '../local/quick-disk';
import { systemCode } from '../remote/net-errors';
import type { BytePacer, RemoteFs } from '../remote/remote-fs';
import { applyConflictAction, type ConflictOutcome } from './conflicts';
import { downloadFile, type DownloadStart } from './download-file';
import { freeName } from './free-name';
import { FolderGuard } from '../local/inside-root';
import { guardFor, linkRefusedNote } from './local-guard';
import { factsOfEntry, learnRemoteSource } from './remote-source';
import { partPathFor, releasePartPath } from './part-file';
import {
  adoptStalePart,
  describeAdopted,
  removeStaleParts,
  resumableStalePart,
  type StalePartFinder,
} from './stale-parts';
import type { JobBoard } from './job-board';
import { changedSincePreview, TargetChanged, type TargetNow } from './seen-target';
import type { FileFacts, FileJob } from './types';
import { localReadError, uploadFile } from './upload-file';
import { uploadTempPathFor } from './upload-temp';
import { factsOfStats } from './walk-local';

export interface FileRunContext {
  fs: RemoteFs;
  job: FileJob;
  signal: AbortSignal;
  /** The speed limit of this job's direction, shared by every job going that way. */
  pacer?: BytePacer;
  board: JobBoard;
  /** Part files earlier runs left beside download targets. */
  staleParts: StalePartFinder;
  /** The action for this job's conflict, or undefined when the user must be asked. */
  policy(job: FileJob): ConflictAction | undefined;
  ask(
    job: FileJob,
    source: FileFacts & { path: string },
    target: FileFacts & { path: string },
    /** The target is a part file an earlier run left, not a whole file. */
    partial?: boolean,
  ): void;
}

export type FileRunOutcome =
  | { kind: 'done'; note?: string }
  /** leftAlone: a synchronization's (or keep-up's) own reason, besides the note's words. */
  | { kind: 'skipped'; note: string; leftAlone?: 'changed' | 'link' }
  /** Waiting for the user's answer about a conflict. */
  | { kind: 'parked' }
  /** The source the user picked turned out to be a folder. */
  | { kind: 'folder' };

export function runFileJob(ctx: FileRunContext): Promise<FileRunOutcome> {
  const run = ctx.job.batch.direction === 'upload' ? runUpload : runDownload;
  return run(ctx).catch((error: unknown) => {
    const note = linkRefusedNote(ctx.job, error);
    if (note === undefined) throw error;
    return { kind: 'skipped', note, leftAlone: 'link' };
  });
}

async function runDownload(ctx: FileRunContext): Promise<FileRunOutcome> {
  const { fs, job, board } = ctx;
  // Before anything is looked at through it: a folder on the way may have become a link.
  const guard = guardFor(job);
  await guard.checkSoon();
  if (job.sourceFacts === undefined) {
    const known = job.sourceEntry;
    delete job.sourceEntry; // known only once: a retry looks
    const learned = await learnRemoteSource(fs, job.row.source, known);
    if (learned === 'folder') return { kind: 'folder' };
    job.sourceFacts = learned.facts;
    board.setTotal(job, learned.size);
  }
  const source = job.sourceFacts;
  let start: DownloadStart = { from: 'fresh' };
  let note: string | undefined;
  // A folder the walk just made holds no leftovers of an earlier run.
  const inNewFolder = job.targetEntry === null;
  if (job.resumable) {
    start = { from: 'part' };
  } else {
    // null: the walk made the folder and nothing can be at this name yet (walk-remote.ts).
    const existing = job.targetEntry === null ? null : await lstatOrNull(job.row.target);
    delete job.targetEntry; // known only once: a retry looks
    const changed = changedSinceSeen(job, existing && nowOfStats(existing));
    if (changed !== undefined) return { kind: 'skipped', note: changed, leftAlone: 'changed' };
    if (existing) {
      if (existing.isDirectory()) throw folderInTheWay(job.row.target);
      const outcome = decide(ctx, source, factsOfStats(existing), job.row.source);
      if (outcome.kind === 'parked' || outcome.kind === 'skipped') return outcome;
      note = 'note' in outcome ? outcome.note : undefined;
      if (outcome.kind === 'rename') {
        const folder = dirname(job.row.target);
        const name = await freeName(basename(job.row.target), async (candidate) =>
          Boolean(await lstatOrNull(join(folder, candidate))),
        );
        job.row.target = join(folder, name);
        note = `Saved as ${name}.`;
      } else if (outcome.offset > 0) {
        start = { from: 'target' };
      }
    }
  }
  // Made once per job (a retry resumes the same file); only this job touches it.
  job.partPath ??= partPathFor(job.row.target);
  const partPath = job.partPath;
  let leftovers = inNewFolder || job.resumable ? [] : await ctx.staleParts.find(job.row.target);
  const resumable =
    start.from === 'fresh' ? resumableStalePart(leftovers, job.row.total) : undefined;
  if (resumable) {
    // As FileZilla and WinSCP do: offer to continue the largest part a crashed run left.
    const rule = ctx.policy(job);
    if (rule === undefined) {
      const part = { size: resumable.size, modified: resumable.modified, mode: null };
      ctx.ask(job, { ...source, path: job.row.source }, { ...part, path: job.row.target }, true);
      return { kind: 'parked' };
    }
    if (rule === 'skip' && job.askedAboutPart) {
      return { kind: 'skipped', note: 'Skipped: the interrupted download stays as it is.' };
    }
    if (rule === 'resume' && (await adoptStalePart(resumable, partPath))) {
      start = { from: 'part' };
      note = describeAdopted(resumable);
      leftovers = leftovers.filter((part) => part !== resumable);
    }
  }
  const beforeReplace = lastLook(job, async () => {
    const now = await lstatOrNull(job.row.target);
    return now && nowOfStats(now);
  });
  try {
    await downloadFile({
      ...(beforeReplace ? { beforeReplace } : {}),
      ...(guard.trivial ? {} : { guard }),
      fs,
      remotePath: job.row.source,
      target: job.row.target,
      partPath,
      start,
      expectedSize: job.row.total,
      modified: source.modified,
      mode: source.mode,
      signal: ctx.signal,
      ...(ctx.pacer === undefined ? {} : { pacer: ctx.pacer }),
      onBytes: (bytes) => {
        // The part file now exists and holds only bytes of this source: a retry continues it.
        job.resumable = true;
        board.setBytes(job, bytes);
      },
    });
  } catch (error) {
    if (!(error instanceof TargetChanged)) throw error;
    // The bytes are not going anywhere: the part file goes, the target stays as it is.
    await rm(partPath, { force: true });
    releasePartPath(partPath);
    delete job.partPath;
    return { kind: 'skipped', note: error.note, leftAlone: 'changed' };
  }
  releasePartPath(partPath);
  // The target is whole: the leftovers of earlier runs have nothing more to give.
  await removeStaleParts(leftovers);
  return note === undefined ? { kind: 'done' } : { kind: 'done', note };
}

async function runUpload(ctx: FileRunContext): Promise<FileRunOutcome> {
  const { fs, job, board } = ctx;
  const path = job.row.source;
  // A synchronization's or keep-up's file (or one of a synchronized folder's): never read
  // through a folder turned link, nor through a link in its own place.
  const within = job.localRoot ?? job.parent?.localRoot;
  const guard = within && new FolderGuard(within, dirname(path), true);
  const noLinks = job.linksRefused === true || within !== undefined;
  await guard?.check();
  const stats = await (noLinks ? lstat(path) : statSource(path)).catch((error: unknown) => {
    throw localReadError(error, path);
  });
  if (stats.isSymbolicLink()) {
    const note = 'It is a link now: not sent (links are never followed here).';
    return { kind: 'skipped', note, leftAlone: 'link' };
  }
  if (!stats.isFile()) {
    throw new FerryError(
      'not_a_folder',
      `${job.row.source} is not a file.`,
      'Upload it as a folder.',
    );
  }
  const source = factsOfStats(stats);
  job.sourceFacts = source;
  board.setTotal(job, source.size);
  let offset = 0;
  let note: string | undefined;
  let fresh = false;
  let replacing = false;
  if (job.resumable) {
    // An earlier attempt wrote into its temporary file (replacing a file), or into the target
    // (a new file, or the user's "resume"): continue after its bytes.
    const remote = await fs.stat(job.uploadTempPath ?? job.row.target);
    offset = remote?.kind === 'file' && remote.size <= source.size ? remote.size : 0;
  } else {
    const existing =
      job.targetEntry !== undefined ? job.targetEntry : await fs.stat(job.row.target);
    delete job.targetEntry; // a listing is only fresh once
    const changed = changedSinceSeen(job, existing);
    if (changed !== undefined) return { kind: 'skipped', note: changed, leftAlone: 'changed' };
    fresh = existing === null;
    if (existing) {
      if (existing.kind === 'folder') throw folderInTheWay(job.row.target);
      const outcome = decide(ctx, source, factsOfEntry(existing), job.row.source);
      if (outcome.kind === 'parked' || outcome.kind === 'skipped') return outcome;
      note = 'note' in outcome ? outcome.note : undefined;
      if (outcome.kind === 'rename') {
        const folder = posix.dirname(job.row.target);
        const taken = job.siblingNames;
        const name = await freeName(
          posix.basename(job.row.target),
          async (candidate) =>
            Boolean(taken?.has(candidate)) ||
            (await fs.stat(posix.join(folder, candidate))) !== null,
        );
        job.row.target = posix.join(folder, name);
        note = `Saved as ${name}.`;
        fresh = true;
      } else {
        offset = outcome.offset;
        // A whole file replaced goes through a temporary file, so a failure cannot destroy the
        // old one. The user's "resume" appends to the target itself; a link is written through.
        replacing = offset === 0 && existing.kind === 'file';
      }
    }
  }
  // From here the target is ours: a retry must not ask about the file this attempt creates.
  job.decision = 'overwrite';
  // A new file: a Discard of this upload may delete it while it is still what Ferry left.
  if (fresh) job.createdTarget = true;
  // Named once per job (a retry resumes the same file); only this job touches it.
  if (replacing) job.uploadTempPath ??= uploadTempPathFor(job.row.target);
  const beforeReplace = lastLook(job, () => fs.stat(job.row.target));
  try {
    await uploadFile({
      ...(beforeReplace ? { beforeReplace } : {}),
      ...(noLinks ? { noLinks: true } : {}),
      ...(guard ? { guard } : {}),
      fs,
      localPath: job.row.source,
      remotePath: job.row.target,
      offset,
      source,
      fresh,
      ...(job.uploadTempPath === undefined ? {} : { tempPath: job.uploadTempPath }),
      // The server would not create the temporary file; the target is written as before.
      onInPlace: () => delete job.uploadTempPath,
      signal: ctx.signal,
      ...(ctx.pacer === undefined ? {} : { pacer: ctx.pacer }),
      onBytes: (bytes) => {
        // Bytes arrived, so the server made or extended the file for us: safe to resume.
        if (bytes > offset || offset > 0) job.resumable = true;
        board.setBytes(job, bytes);
      },
    });
  } catch (error) {
    if (!(error instanceof TargetChanged)) throw error;
    delete job.uploadTempPath; // removed by the replace
    return { kind: 'skipped', note: error.note, leftAlone: 'changed' };
  }
  return note === undefined ? { kind: 'done' } : { kind: 'done', note };
}

/**
 * A synchronization's job: why its target is no longer what the preview saw (then it is left as
 * it is), from the look the job takes anyway. A file of a folder the preview saw only on the
 * source side expects nothing at its target.
 */
function changedSinceSeen(job: FileJob, now: TargetNow | null): string | undefined {
  const seen = seenTargetOf(job);
  return seen === undefined ? undefined : changedSincePreview(seen, now);
}

function seenTargetOf(job: FileJob) {
  return job.seenTarget ?? job.parent?.seenTarget;
}

/**
 * A synchronization's job: the same check once its bytes are written, right before they replace
 * the target (a long transfer leaves time for someone to change it). Throws TargetChanged.
 */
function lastLook(
  job: FileJob,
  look: () => Promise<TargetNow | null>,
): (() => Promise<void>) | undefined {
  if (seenTargetOf(job) === undefined) return undefined;
  return async () => {
    const why = changedSinceSeen(job, await look());
    if (why !== undefined) throw new TargetChanged(why);
  };
}

function nowOfStats(stats: Stats): TargetNow {
  const kind = stats.isFile()
    ? 'file'
    : stats.isDirectory()
      ? 'folder'
      : stats.isSymbolicLink()
        ? 'symlink'
        : 'other';
  return { kind, size: stats.size, modified: stats.mtimeMs };
}

type Decision =
  | Exclude<ConflictOutcome, { kind: 'skip' }>
  | { kind: 'skipped'; note: string }
  | { kind: 'parked' };

function decide(
  ctx: FileRunContext,
  source: FileFacts,
  target: FileFacts,
  sourcePath: string,
): Decision {
  const action = ctx.policy(ctx.job);
  if (action === undefined) {
    ctx.ask(ctx.job, { ...source, path: sourcePath }, { ...target, path: ctx.job.row.target });
    return { kind: 'parked' };
  }
  const outcome = applyConflictAction(action, source, target);
  return outcome.kind === 'skip' ? { kind: 'skipped', note: outcome.note } : outcome;
}

async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (error) {
    if (systemCode(error) === 'ENOENT') return null;
    throw localReadError(error, path);
  }
}

function folderInTheWay(path: string): FerryError {
  return new FerryError(
    'already_exists',
    `A folder named ${path} is in the way of this file.`,
    'Rename or move the folder, then retry.',
  );
}

/** A source's facts; a link is followed in the thread pool (it may point onto a network disk). */
async function statSource(path: string): Promise<Stats> {
  const own = await quickDisk.either(
    dirname(path),
    () => {
      const facts = lstatSync(path);
      return facts.isSymbolicLink() ? undefined : facts;
    },
    () => stat(path),
  );
  return own ?? stat(path);
}
