/**
 * Does a listed entry match what the user searches for? Pure, so every rule is a table test.
 * Names are compared in Unicode NFC (macOS servers list decomposed accents) and, unless asked
 * otherwise, without regard to case. Wildcards are matched by a two-pointer scan, not a regular
 * expression: a server's long names and a pattern of many stars cannot make it backtrack.
 */
import type { SearchCriteria } from '../../../shared/contract/search';
import type { FileEntry } from '../../../shared/types';
import { wildcardMatch } from '../../../shared/wildcard';

export type EntryMatcher = (entry: FileEntry) => boolean;

export function compileMatcher(criteria: SearchCriteria): EntryMatcher {
  const matchName = nameMatcher(criteria);
  const sized = criteria.largerThan !== undefined || criteria.smallerThan !== undefined;
  return (entry) => {
    const file = isFileLike(entry);
    if (!file && !(criteria.includeFolders && isFolderLike(entry) && !sized)) return false;
    if (criteria.largerThan !== undefined && !(entry.size > criteria.largerThan)) return false;
    if (criteria.smallerThan !== undefined && !(entry.size < criteria.smallerThan)) return false;
    if (!inTimeRange(entry.modified, criteria)) return false;
    return matchName(entry.name);
  };
}

/** Files, and links to files (or links whose target the server did not tell). */
function isFileLike(entry: FileEntry): boolean {
  if (entry.kind === 'file') return true;
  return entry.kind === 'symlink' && entry.targetKind !== 'folder';
}

function isFolderLike(entry: FileEntry): boolean {
  return entry.kind === 'folder' || (entry.kind === 'symlink' && entry.targetKind === 'folder');
}

function inTimeRange(modified: number | null, criteria: SearchCriteria): boolean {
  const { modifiedFrom, modifiedBefore } = criteria;
  if (modifiedFrom === undefined && modifiedBefore === undefined) return true;
  if (modified === null) return false;
  if (modifiedFrom !== undefined && modified < modifiedFrom) return false;
  if (modifiedBefore !== undefined && modified >= modifiedBefore) return false;
  return true;
}

export function nameMatcher(
  criteria: Pick<SearchCriteria, 'name' | 'nameMode' | 'matchCase'>,
): (name: string) => boolean {
  const fold = (text: string) => {
    const nfc = text.normalize('NFC');
    return criteria.matchCase ? nfc : nfc.toLowerCase();
  };
  if (criteria.nameMode === 'contains') {
    const wanted = fold(criteria.name);
    return (name) => wanted === '' || fold(name).includes(wanted);
  }
  const patterns = criteria.name
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => [...fold(part)]);
  if (patterns.length === 0) return () => true;
  return (name) => {
    const chars = [...fold(name)];
    return patterns.some((pattern) => wildcardMatch(pattern, chars));
  };
}
