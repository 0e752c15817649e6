/**
 * Directory comparison, as FileZilla does it: the two folders shown are matched by name
 * (case-sensitively); files are compared by size, then by modified time; folders only by being
 * there. Pure, so every rule is tested as a table.
 */
import type { FileEntry } from '../../../shared/types';
import { opensAsFolder } from '../pane/format';

/**
 * What one entry is, compared with the other side: only here; a file of another size; a newer
 * or an older copy of the same size; the same; or a file here where the other side has a folder.
 */
export type CompareMark = 'only-here' | 'size' | 'newer' | 'older' | 'same' | 'kind';

/**
 * How precise a side's modified times are. `exact`: a file system or SFTP (seconds or better).
 * `listing`: an FTP listing, which says at best the minute (`LIST`: "Nov 26 14:05"), for older
 * files only the day ("Nov 26 2025"), and sometimes the second (`MLSD`): each time's precision
 * is read from the time itself.
 */
export type TimePrecision = 'exact' | 'listing';

export interface CompareSide {
  entries: readonly FileEntry[];
  precision: TimePrecision;
}

export interface SideMarks {
  marks: ReadonlyMap<string, CompareMark>;
  /**
   * The names whose copy here is the one to send across: only here, newer here, or of another
   * size and not older here. "Select the differing files" selects these.
   */
  differing: ReadonlySet<string>;
}

export interface Comparison {
  local: SideMarks;
  remote: SideMarks;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** The span a time stands for: a listing's "14:05" is any moment from 14:05:00 to 14:05:59. */
export function precisionOf(time: number, precision: TimePrecision): number {
  if (precision === 'exact') return SECOND;
  if (time % DAY === 0) return DAY;
  if (time % MINUTE === 0) return MINUTE;
  return SECOND;
}

/**
 * Which copy is newer: 'same' when the two times can stand for the same moment (each time
 * covers its precision, and no side is more precise than a second), or when a time is unknown.
 */
export function newerSide(
  a: number | null,
  aPrecision: TimePrecision,
  b: number | null,
  bPrecision: TimePrecision,
): 'a' | 'b' | 'same' {
  if (a === null || b === null) return 'same';
  const aStart = Math.floor(a / SECOND) * SECOND;
  const bStart = Math.floor(b / SECOND) * SECOND;
  const aEnd = aStart + precisionOf(aStart, aPrecision);
  const bEnd = bStart + precisionOf(bStart, bPrecision);
  if (aStart >= bEnd) return 'a';
  if (bStart >= aEnd) return 'b';
  return 'same';
}

function compareFiles(
  here: FileEntry,
  herePrecision: TimePrecision,
  there: FileEntry,
  therePrecision: TimePrecision,
): { here: CompareMark; there: CompareMark; hereSends: boolean; thereSends: boolean } {
  const newer = newerSide(here.modified, herePrecision, there.modified, therePrecision);
  if (here.size !== there.size) {
    // Another size: each side offers its copy unless the other one is newer.
    return { here: 'size', there: 'size', hereSends: newer !== 'b', thereSends: newer !== 'a' };
  }
  if (newer === 'a') return { here: 'newer', there: 'older', hereSends: true, thereSends: false };
  if (newer === 'b') return { here: 'older', there: 'newer', hereSends: false, thereSends: true };
  return { here: 'same', there: 'same', hereSends: false, thereSends: false };
}

/** Marks every entry of both sides. */
export function compareFolders(local: CompareSide, remote: CompareSide): Comparison {
  const localMarks = new Map<string, CompareMark>();
  const remoteMarks = new Map<string, CompareMark>();
  const localDiffering = new Set<string>();
  const remoteDiffering = new Set<string>();
  const remoteByName = new Map(remote.entries.map((entry) => [entry.name, entry]));

  for (const here of local.entries) {
    const there = remoteByName.get(here.name);
    if (!there) {
      localMarks.set(here.name, 'only-here');
      localDiffering.add(here.name);
      continue;
    }
    const hereFolder = opensAsFolder(here);
    if (hereFolder !== opensAsFolder(there)) {
      localMarks.set(here.name, 'kind');
      remoteMarks.set(there.name, 'kind');
    } else if (hereFolder) {
      localMarks.set(here.name, 'same');
      remoteMarks.set(there.name, 'same');
    } else {
      const result = compareFiles(here, local.precision, there, remote.precision);
      localMarks.set(here.name, result.here);
      remoteMarks.set(there.name, result.there);
      if (result.hereSends) localDiffering.add(here.name);
      if (result.thereSends) remoteDiffering.add(there.name);
    }
  }
  for (const there of remote.entries) {
    if (remoteMarks.has(there.name)) continue;
    remoteMarks.set(there.name, 'only-here');
    remoteDiffering.add(there.name);
  }
  return {
    local: { marks: localMarks, differing: localDiffering },
    remote: { marks: remoteMarks, differing: remoteDiffering },
  };
}

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
