/** What the synchronize dialog says: reasons, groups, the summary, outcomes. Pure. */
import type {
  SyncAction,
  SyncItem,
  SyncPlanned,
  SyncRunResult,
} from '../../../shared/contract/sync';
import { ACTION_PHRASE } from '../../../shared/sync-words';
import { formatSize } from '../pane/format';

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

/** After Run: what went to the queue and what was deleted. */
export function resultText(result: SyncRunResult): string {
  const parts = [
    result.queued > 0
      ? `${counted(result.queued, 'transfer')} queued (see the transfer list)`
      : 'nothing to transfer',
  ];
  if (result.deleted > 0) parts.push(`${counted(result.deleted, 'item')} deleted`);
  if (result.failed.length > 0) parts.push(`${counted(result.failed.length, 'deletion')} failed`);
  const text = `${parts.join(', ')}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
