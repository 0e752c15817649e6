import type { FerryError } from '../../../shared/errors';
import type { FileEntry } from '../../../shared/types';
import { dirname } from 'node:path';
import type { LocalRoot } from '../local/inside-root';
import type { RemoteFs } from '../remote/remote-fs';
import type { JobBoard } from './job-board';
import { makeFileJob, makeLeafJob } from './job-factory';
import type { FileJob, WalkTask } from './types';
import { walkLocalFolder, type UploadWalkFile } from './walk-local';
import { walkRemoteFolder, type WalkFile, type WalkFolder, type WalkSkip } from './walk-remote';

export interface AnyWalkResult {
  files: (WalkFile | UploadWalkFile)[];
  folders: WalkFolder[];
  skipped: WalkSkip[];
  remoteNames?: ReadonlySet<string>;
}

/** Lists one folder of a folder job, on the side the bytes come from. */
export function runWalk(fs: RemoteFs, walk: WalkTask): Promise<AnyWalkResult> {
  const { batch } = walk.folder;
  return batch.direction === 'download'
    ? walkRemoteFolder(fs, walk, walk.folder.row.target, batch.exclude, within(walk))
    : walkLocalFolder(fs, walk, batch.exclude, walk.folder.localRoot);
}

/** A folder download's writes stay in the synchronization's folder, else in the chosen one. */
function within(walk: WalkTask): LocalRoot {
  return walk.folder.localRoot ?? { path: dirname(walk.folder.row.target) };
}

/** Adds the rows a listing produced; returns the files to queue and the subfolders to walk. */
export function addWalkResult(
  walk: WalkTask,
  result: AnyWalkResult,
  board: JobBoard,
): { files: FileJob[]; walks: WalkTask[] } {
  const { folder } = walk;
  const batch = folder.batch;
  if (walk.leaf) board.setState(walk.leaf, 'done', { note: 'Listed on retry.' });
  for (const skip of result.skipped) {
    const leaf = makeLeafJob(batch, {
      parent: folder,
      name: skip.relative,
      source: skip.source,
      target: '',
      state: 'skipped',
      ...(skip.error ? { error: skip.error } : {}),
      ...(skip.note ? { note: skip.note } : {}),
    });
    if (skip.excludedBy !== undefined) leaf.excludedBy = skip.excludedBy;
    board.add(leaf);
  }
  const files: FileJob[] = [];
  for (const file of result.files) {
    const existing: FileEntry | null | undefined = 'existing' in file ? file.existing : undefined;
    const job = makeFileJob(batch, {
      parent: folder,
      name: file.relative,
      source: file.source,
      target: file.target,
      facts: file.facts,
      ...(existing !== undefined ? { targetEntry: existing } : {}),
      ...(result.remoteNames ? { siblingNames: result.remoteNames } : {}),
    });
    board.add(job);
    files.push(job);
  }
  const walks = result.folders.map((sub): WalkTask => ({
    type: 'walk',
    folder,
    ...sub,
    attempts: 0,
  }));
  return { files, walks };
}

/** A row for a subfolder that could not be made or listed; retrying it walks it again. */
export function addFailedSubfolder(walk: WalkTask, failure: FerryError, board: JobBoard): FileJob {
  const leaf = makeLeafJob(walk.folder.batch, {
    parent: walk.folder,
    kind: 'folder',
    name: walk.relative,
    source: walk.source,
    target: walk.target,
    state: 'failed',
    error: failure,
    walk,
  });
  board.add(leaf);
  return leaf;
}
