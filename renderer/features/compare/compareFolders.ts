/**
 * The pane's side of directory comparison: counts and words. The rules themselves are in
 * shared/compare/compare-folders.ts.
 */
import type { SideMarks, Comparison } from '../../../shared/compare/compare-folders';

export {
  compareFolders,
  newerSide,
  precisionOf,
  type CompareMark,
  type CompareSide,
  type Comparison,
  type SideMarks,
  type TimePrecision,
} from '../../../shared/compare/compare-folders';

export interface ComparisonCounts {
  /** Names on both sides whose files differ (size or time), or are a file on one side only. */
  differ: number;
  onlyLocal: number;
  onlyRemote: number;
  same: number;
}

/**
 * Counts over the names each pane shows (`localNames`, `remoteNames`: hidden files and the
 * filter apply), so the summary matches the rows the user sees.
 */
export function countComparison(
  comparison: Comparison,
  localNames: readonly string[],
  remoteNames: readonly string[],
): ComparisonCounts {
  const counts: ComparisonCounts = { differ: 0, onlyLocal: 0, onlyRemote: 0, same: 0 };
  for (const name of localNames) {
    const mark = comparison.local.marks.get(name);
    if (mark === 'only-here') counts.onlyLocal += 1;
    else if (mark === 'same') counts.same += 1;
    else if (mark !== undefined) counts.differ += 1;
  }
  for (const name of remoteNames) {
    if (comparison.remote.marks.get(name) === 'only-here') counts.onlyRemote += 1;
  }
  return counts;
}

/** "2 differ · 1 only on this computer · 3 only on the server · 4 same". */
export function summaryText(counts: ComparisonCounts): string {
  const parts = [`${counts.differ.toLocaleString()} differ`];
  if (counts.onlyLocal > 0)
    parts.push(`${counts.onlyLocal.toLocaleString()} only on this computer`);
  if (counts.onlyRemote > 0) parts.push(`${counts.onlyRemote.toLocaleString()} only on the server`);
  parts.push(`${counts.same.toLocaleString()} the same`);
  return parts.join(' · ');
}

/** What a pane's "Select the differing files" selects among the names it shows. */
export function differingShown(
  side: SideMarks,
  names: readonly string[],
): { files: number; folders: number } {
  let files = 0;
  let folders = 0;
  for (const name of names) {
    if (!side.differing.has(name)) continue;
    if (side.differingFolders.has(name)) folders += 1;
    else files += 1;
  }
  return { files, folders };
}

const counted = (count: number, one: string, many: string) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`;

/**
 * Above a pane while comparing: "3 files and 1 folder to upload: …". A folder is counted apart,
 * since sending it sends everything in it.
 */
export function toSendText(
  { files, folders }: { files: number; folders: number },
  verb: 'upload' | 'download',
): string {
  if (files + folders === 0)
    return `Nothing to ${verb}: nothing here is missing there, newer, or of another size.`;
  const what = [
    files > 0 ? counted(files, 'file', 'files') : '',
    folders > 0 ? counted(folders, 'folder', 'folders') : '',
  ].filter(Boolean);
  return `${what.join(' and ')} to ${verb}: only here, newer, or another size.`;
}
