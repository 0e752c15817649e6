import { dirname } from 'node:path';
import { FolderGuard, LinkInTheWay, type LocalRoot } from '../local/inside-root';
import type { FileJob } from './types';

/**
 * The folder a download's local writes must stay in: a synchronization's local folder (as it was
 * when compared), else the folder the user chose — a folder download's own folder's parent; a
 * single file's own folder, which needs no look.
 */
export function localRootOf(job: FileJob): LocalRoot {
  const root = job.localRoot ?? job.parent?.localRoot;
  if (root) return root;
  return { path: dirname((job.parent ?? job).row.target) };
}

/** A guard for the folder the download's target is in (see inside-root.ts). */
export function guardFor(job: FileJob): FolderGuard {
  return new FolderGuard(localRootOf(job), dirname(job.row.target));
}

/**
 * A synchronization's file refused because a folder on its way became a link: left alone with
 * the reason on its row, as a file changed since the preview is. Other downloads fail with it.
 */
export function linkRefusedNote(job: FileJob, error: unknown): string | undefined {
  if (!(error instanceof LinkInTheWay)) return undefined;
  if ((job.localRoot ?? job.parent?.localRoot) === undefined) return undefined;
  return `${error.message} ${error.hint ?? ''}`.trim();
}
