/** Words and numbers for the transfer panel. Pure, so they are tested table-driven. */
import type { TransferJob, TransferState } from '../../../shared/contract/transfers';
import { formatSize } from '../pane/format';

/** "1.2 MB/s"; "" when nothing moves. */
export function formatSpeed(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '';
  return `${formatSize(Math.round(bytesPerSecond))}/s`;
}

/** "8 s left", "3 min left", "1 h 5 min left"; "" when it cannot be told. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s left`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h left` : `${hours} h ${rest} min left`;
}

/** Whole percent done, or null when the size is not known yet. */
export function percentDone(bytes: number, total: number | null): number | null {
  if (total === null || !Number.isFinite(total) || total < 0) return null;
  if (total === 0) return bytes >= 0 ? 100 : 0;
  return Math.max(0, Math.min(100, Math.floor((bytes / total) * 100)));
}

/** "4.2 MB of 10 MB", or "4.2 MB" when the total is unknown. */
export function formatBytesOf(bytes: number, total: number | null): string {
  return total === null ? formatSize(bytes) : `${formatSize(bytes)} of ${formatSize(total)}`;
}

const STATE_WORDS: Record<TransferState, string> = {
  queued: 'Waiting',
  active: 'Moving',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

export function stateLabel(job: Pick<TransferJob, 'state' | 'kind' | 'files'>): string {
  if (job.state === 'active' && job.kind === 'folder' && job.files?.walking) return 'Listing';
  return STATE_WORDS[job.state];
}

/** For folder rows: "12 of 200 files, 1 failed, still listing". */
export function folderCounts(files: NonNullable<TransferJob['files']>): string {
  const plural = (n: number) => (n === 1 ? 'file' : 'files');
  const parts = [
    `${files.done.toLocaleString()} of ${files.total.toLocaleString()} ${plural(files.total)}`,
  ];
  if (files.failed > 0) parts.push(`${files.failed.toLocaleString()} failed`);
  if (files.skipped > 0) parts.push(`${files.skipped.toLocaleString()} skipped`);
  if (files.walking) parts.push('still listing');
  return parts.join(', ');
}

export type TransferFilter = 'current' | 'failed' | 'finished';

const CURRENT: ReadonlySet<TransferState> = new Set(['queued', 'active']);
const FINISHED: ReadonlySet<TransferState> = new Set(['done', 'cancelled', 'skipped']);

/**
 * Which rows a tab shows. Current and finished show what the user queued (folder rows carry
 * their files' counts); failed shows every file that failed or was refused, so each says why.
 */
export function inFilter(job: TransferJob, filter: TransferFilter): boolean {
  switch (filter) {
    case 'current':
      return job.parentId === undefined && CURRENT.has(job.state);
    case 'failed':
      return job.state === 'failed' || (job.state === 'skipped' && job.error !== undefined);
    case 'finished':
      return job.parentId === undefined && FINISHED.has(job.state);
  }
}
