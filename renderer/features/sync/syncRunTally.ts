/**
 * How a synchronization's transfers went, from their rows in the transfer list: the dialog's
 * result line counts what arrived and what was left alone during the run (a file changed since
 * the preview, a link in its way), not only what the queue took. Pure.
 */
import type { TransferJob } from '../../../shared/contract/transfers';

export interface RunTally {
  /** Files (and items not walked yet) the run queued. */
  total: number;
  uploaded: number;
  downloaded: number;
  /** Left alone: the target changed (or appeared) since the preview. */
  changed: number;
  /** Left alone: a link in the file's place or its folder's. */
  link: number;
  /** Skipped for another reason (an excluded or unsafe name…). */
  skipped: number;
  failed: number;
  cancelled: number;
  /** Still queued or moving. */
  pending: number;
}

/** Tallies the rows of the run's transfers (`ids`: the rows it queued) and their files. */
export function tallyRun(ids: readonly string[], rows: ReadonlyMap<string, TransferJob>): RunTally {
  const ours = new Set(ids);
  const tally: RunTally = {
    total: 0,
    uploaded: 0,
    downloaded: 0,
    changed: 0,
    link: 0,
    skipped: 0,
    failed: 0,
    cancelled: 0,
    pending: 0,
  };
  const folders = new Map<string, TransferJob>();
  const withFiles = new Set<string>();
  for (const row of rows.values()) {
    const top = ours.has(row.id);
    if (!top && !(row.parentId !== undefined && ours.has(row.parentId))) continue;
    if (row.kind === 'folder') {
      // A folder counts through its files' rows; one that never got to them counts as one.
      if (top) folders.set(row.id, row);
      // A subfolder that could not be made or listed (a link in its place…) counts as failed;
      // listed on a retry, it is done and its files count.
      else if (row.state !== 'done') count(tally, row);
      continue;
    }
    if (row.parentId !== undefined) withFiles.add(row.parentId);
    count(tally, row);
  }
  for (const [id, folder] of folders) {
    if (!withFiles.has(id)) {
      if (folder.state !== 'done') count(tally, folder);
    } else if (folder.files?.walking && (folder.state === 'queued' || folder.state === 'active')) {
      // Its subfolders are still being listed: more files are to come.
      tally.pending++;
    }
  }
  // Rows not listed yet (just queued) are still to come.
  for (const id of ours) if (!rows.has(id)) tally.pending++;
  tally.total =
    tally.uploaded +
    tally.downloaded +
    tally.changed +
    tally.link +
    tally.skipped +
    tally.failed +
    tally.cancelled +
    tally.pending;
  return tally;
}

function count(tally: RunTally, row: TransferJob): void {
  switch (row.state) {
    case 'done':
      if (row.direction === 'upload') tally.uploaded++;
      else tally.downloaded++;
      return;
    case 'skipped':
      if (row.leftAlone === 'changed') tally.changed++;
      else if (row.leftAlone === 'link') tally.link++;
      else tally.skipped++;
      return;
    case 'failed':
      tally.failed++;
      return;
    case 'cancelled':
      tally.cancelled++;
      return;
    default:
      tally.pending++;
  }
}
