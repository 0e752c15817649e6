/** What the search dialog says while it searches and once it ended; and how results sort. Pure. */
import type { SearchCounts, SearchFinished, SearchHit } from '../../../shared/contract/search';
import { joinPath } from '../pane/paths';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

/** "Searching /var/www/img … 1,240 folders, 37 found" */
export function runningLine(
  current: string,
  counts: Pick<SearchCounts, 'folders' | 'found'>,
): string {
  return `Searching ${current} … ${plural(counts.folders, 'folder', 'folders')}, ${count(counts.found)} found`;
}

/** The first line once a search ended. */
export function finishedLine(
  end: SearchFinished,
  limits: { folders: number; results: number },
): string {
  const looked = plural(end.folders, 'folder', 'folders');
  const found = `${count(end.found)} found`;
  switch (end.outcome) {
    case 'done':
      return `Done: ${found} in ${looked}.`;
    case 'stopped':
      return `Stopped: ${found} in ${looked} searched so far.`;
    case 'failed':
      return `The search failed after ${looked}: ${found}.`;
    case 'limit':
      return end.limit === 'results'
        ? `Stopped at ${count(limits.results)} found, the most one search shows (${looked} searched). Narrow the search, or search a folder further down, to see the rest.`
        : `Stopped after ${count(limits.folders)} folders, the most one search looks at: ${found}. Search a folder further down to see more.`;
  }
}

/** Further notes about what was left out; empty when nothing was. */
export function leftOutNotes(end: SearchFinished, depth: number): string[] {
  const notes: string[] = [];
  if (end.unreadable > 0) {
    const shown = end.unreadablePaths.slice(0, 3).join(', ');
    const more = end.unreadable > 3 ? ', …' : '';
    notes.push(
      `${plural(end.unreadable, 'folder', 'folders')} could not be read (no permission, or gone): ${shown}${more}.`,
    );
  }
  if (end.tooDeep > 0) {
    notes.push(
      `Not searched deeper than ${plural(depth, 'level', 'levels')} of subfolders: ${plural(end.tooDeep, 'folder', 'folders')} left out. Raise “Levels of subfolders” to look there.`,
    );
  }
  if (end.refusedNames > 0) {
    notes.push(
      `${plural(end.refusedNames, 'name', 'names')} the server listed could not be names of files (a slash or a NUL in them) and were left out.`,
    );
  }
  if (end.sharedConnection) {
    notes.push(
      'The server would not open another connection, so the search used this tab’s: the pane waited for it.',
    );
  }
  return notes;
}

export type HitSortKey = 'name' | 'folder' | 'size' | 'modified';
export interface HitSort {
  key: HitSortKey;
  ascending: boolean;
}

export const hitPath = (hit: SearchHit): string => joinPath(hit.folder, hit.name);

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A sorted copy; ties go by folder, then name, so the order is stable as hits stream in. */
export function sortHits(hits: readonly SearchHit[], sort: HitSort): SearchHit[] {
  const direction = sort.ascending ? 1 : -1;
  const byPlace = (a: SearchHit, b: SearchHit) =>
    collator.compare(a.folder, b.folder) || collator.compare(a.name, b.name);
  const compare = (a: SearchHit, b: SearchHit): number => {
    switch (sort.key) {
      case 'name':
        return collator.compare(a.name, b.name) || byPlace(a, b);
      case 'folder':
        return byPlace(a, b);
      case 'size':
        return a.size - b.size || byPlace(a, b);
      case 'modified':
        return (a.modified ?? -Infinity) - (b.modified ?? -Infinity) || byPlace(a, b);
    }
  };
  return [...hits].sort((a, b) => {
    const order = compare(a, b);
    return Number.isNaN(order) ? byPlace(a, b) * direction : order * direction;
  });
}

/**
 * A result's folder as the list shows it: from the searched folder's own name down
 * ("www/img/2024" for /var/www/img/2024 found below /var/www); the whole path otherwise.
 */
export function shownFolder(folder: string, root: string): string {
  const base = root.replace(/\/+$/, '');
  if (base === '') return folder;
  const name = base.slice(base.lastIndexOf('/') + 1);
  if (folder === base) return name;
  return folder.startsWith(`${base}/`) ? `${name}${folder.slice(base.length)}` : folder;
}
