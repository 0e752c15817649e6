import type { FileEntry } from '../../../shared/types';
import { kindLabel, opensAsFolder } from './format';

export type SortKey = 'name' | 'size' | 'type' | 'modified' | 'permissions';
export type SortDirection = 'ascending' | 'descending';
export interface SortOrder {
  key: SortKey;
  direction: SortDirection;
}

/** Natural order ("file2" before "file10"), case-insensitive, the way people sort names. */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const byName = (a: FileEntry, b: FileEntry) =>
  collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const compareBy: Record<SortKey, (a: FileEntry, b: FileEntry) => number> = {
  name: () => 0,
  size: (a, b) => a.size - b.size,
  type: (a, b) => collator.compare(kindLabel(a), kindLabel(b)),
  modified: (a, b) => (a.modified ?? -Infinity) - (b.modified ?? -Infinity) || 0,
  permissions: (a, b) => (a.mode ?? -1) - (b.mode ?? -1),
};

/**
 * Sorts a copy: folders (and links to folders) first whatever the direction, then by the chosen
 * column, then by name so equal values keep a stable, predictable order.
 */
export function sortEntries(entries: readonly FileEntry[], order: SortOrder): FileEntry[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  const compare = compareBy[order.key];
  return [...entries].sort((a, b) => {
    const folderFirst = Number(opensAsFolder(b)) - Number(opensAsFolder(a));
    if (folderFirst !== 0) return folderFirst;
    const primary = compare(a, b);
    if (primary !== 0 && !Number.isNaN(primary)) return sign * primary;
    return sign * byName(a, b);
  });
}

/**
 * Clicking the sorted column flips it. Another column starts ascending, except sizes and dates,
 * which start with the largest and newest, as people usually look for those.
 */
export function nextSortOrder(current: SortOrder, clicked: SortKey): SortOrder {
  if (current.key === clicked) {
    return {
      key: clicked,
      direction: current.direction === 'ascending' ? 'descending' : 'ascending',
    };
  }
  const startsDescending = clicked === 'size' || clicked === 'modified';
  return { key: clicked, direction: startsDescending ? 'descending' : 'ascending' };
}

/** Hidden files and the filter text applied; the filter matches anywhere in the name. */
export function visibleEntries(
  entries: readonly FileEntry[],
  options: { showHidden: boolean; filter: string; order: SortOrder },
): FileEntry[] {
  const needle = options.filter.trim().toLocaleLowerCase();
  const shown = entries.filter(
    (e) =>
      (options.showHidden || !e.hidden) &&
      (needle === '' || e.name.toLocaleLowerCase().includes(needle)),
  );
  return sortEntries(shown, options.order);
}
