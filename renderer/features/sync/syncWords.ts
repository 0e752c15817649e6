/** What the synchronize dialog says: reasons, groups, the summary, outcomes. Pure. */
import type {
  SyncAction,
  SyncItem,
  SyncPlanned,
  SyncRunResult,
} from '../../../shared/contract/sync';
import { ACTION_PHRASE } from '../../../shared/sync-words';
import { formatSize } from '../pane/format';
import type { RunTally } from './syncRunTally';

export { LEFT_ALONE_TEXT, REASON_TEXT } from '../../../shared/sync-words';

export const GROUP_TITLE: Record<SyncAction, string> = {
  upload: 'To upload',
  download: 'To download',
  deleteRemote: 'To delete on the server',
  deleteLocal: 'To delete on this computer',
};

const counted = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`;

/** "3 files (1.2 MB)": a folder counts its files. */
export function filesText(items: readonly SyncItem[]): string {
  const files = items.reduce((sum, item) => sum + item.files, 0);
  const bytes = items.reduce((sum, item) => sum + item.bytes, 0);
  return `${counted(files, 'file')} (${formatSize(bytes)})`;
}

/** "12 files to upload (3.2 MB), 2 files to delete on the server (4 kB)"; ticked items only. */
export function summaryText(items: readonly SyncItem[]): string {
  const parts: string[] = [];
  for (const action of ['upload', 'download', 'deleteRemote', 'deleteLocal'] as const) {
    const these = items.filter((item) => item.action === action);
    if (these.length === 0) continue;
    const [count, size] = filesText(these).split(' (');
    parts.push(`${count} ${ACTION_PHRASE[action]} (${size}`);
  }
  return parts.length === 0 ? 'Nothing ticked: nothing will change.' : `${parts.join(', ')}.`;
}

/** Why a comparison ended without a plan. */
export function notPlannedText(planned: SyncPlanned): string {
  if (planned.outcome === 'stopped') return 'Stopped: nothing was changed.';
  if (planned.outcome === 'limit')
    return 'These folders hold too much to compare at once (over 20,000 folders, 50,000 differences or 30 levels deep): nothing was changed. Synchronize a smaller folder.';
  return planned.error?.message ?? 'The folders could not be compared.';
}

/**
 * After Run: what the transfers did (from their rows, once `tally` is there: "12 uploaded, 2 left
 * alone because they changed since the preview"; while they run, how far they are), and what was
 * deleted.
 */
export function resultText(result: SyncRunResult, tally?: RunTally): string {
  const parts = tally && tally.total > 0 ? transferParts(tally) : [queuedPart(result.queued)];
  if (result.deleted > 0) parts.push(`${counted(result.deleted, 'item')} deleted`);
  if (result.failed.length > 0) parts.push(`${counted(result.failed.length, 'deletion')} failed`);
  const text = `${parts.join(', ')}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function queuedPart(queued: number): string {
  return queued > 0
    ? `${counted(queued, 'transfer')} queued (see the transfer list)`
    : 'nothing to transfer';
}

function transferParts(tally: RunTally): string[] {
  const finished = tally.total - tally.pending;
  if (tally.pending > 0) {
    return [`transferring: ${finished.toLocaleString()} of ${counted(tally.total, 'file')} done`];
  }
  const parts: string[] = [];
  if (tally.uploaded > 0) parts.push(`${tally.uploaded.toLocaleString()} uploaded`);
  if (tally.downloaded > 0) parts.push(`${tally.downloaded.toLocaleString()} downloaded`);
  const they = (n: number, one: string, many: string) =>
    `${n.toLocaleString()} left alone because ${n === 1 ? one : many}`;
  if (tally.changed > 0) {
    parts.push(
      they(tally.changed, 'it changed since the preview', 'they changed since the preview'),
    );
  }
  if (tally.link > 0) {
    parts.push(
      they(
        tally.link,
        'a link took its place or its folder’s',
        'a link took their place or their folder’s',
      ),
    );
  }
  if (tally.skipped > 0) parts.push(`${tally.skipped.toLocaleString()} skipped`);
  if (tally.failed > 0) parts.push(`${tally.failed.toLocaleString()} failed`);
  if (tally.cancelled > 0) parts.push(`${tally.cancelled.toLocaleString()} cancelled`);
  if (tally.link + tally.changed + tally.skipped + tally.failed > 0) {
    parts[parts.length - 1] += ' (the transfer list says why)';
  }
  return parts.length > 0 ? parts : ['nothing transferred'];
}
