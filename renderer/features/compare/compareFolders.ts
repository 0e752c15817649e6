/**
 * Directory comparison, as FileZilla does it: the two folders shown are matched by name
 * (case-sensitively); files are compared by size, then by modified time; folders only by being
 * there. Pure, so every rule is tested as a table.
 */
import type { FileEntry } from '../../../shared/types';
import { opensAsFolder } from '../pane/format';
import {
  HOUR,
  listingHoursOff,
  newerSide,
  type SameSizePair,
  type TimePrecision,
} from './compareTimes';
import { shiftOfOffset } from './serverTimeOffset';

export { newerSide, precisionOf, type TimePrecision } from './compareTimes';

/**
 * What one entry is, compared with the other side: only here; a file of another size; a newer
 * or an older copy of the same size; the same; or a file here where the other side has a folder.
 */
export type CompareMark = 'only-here' | 'size' | 'newer' | 'older' | 'same' | 'kind';

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
  /** Those of `differing` that are folders (only here): sending one sends its whole tree. */
  differingFolders: ReadonlySet<string>;
}

export interface Comparison {
  local: SideMarks;
  remote: SideMarks;
  /**
   * How many hours the server's listed times are off (its time zone, see `listingHoursOff`);
   * the remote times were compared shifted back by them. 0 when they look right, or when the
   * site's own offset was applied instead.
   */
  remoteHoursOff: number;
  /**
   * What was done about the server's clock, for the summary: the site's "Adjust server time"
   * (which takes precedence: the user said so), a time zone found in the times, or nothing.
   */
  remoteTimeShift: { by: 'site'; minutes: number } | { by: 'detected'; hours: number } | null;
}

function compareFiles(
  here: FileEntry,
  herePrecision: TimePrecision,
  there: FileEntry,
  therePrecision: TimePrecision,
  thereShift: number,
): { here: CompareMark; there: CompareMark; hereSends: boolean; thereSends: boolean } {
  const newer = newerSide(here.modified, herePrecision, there.modified, therePrecision, thereShift);
  if (here.size !== there.size) {
    // Another size: each side offers its copy unless the other one is newer.
    return { here: 'size', there: 'size', hereSends: newer !== 'b', thereSends: newer !== 'a' };
  }
  if (newer === 'a') return { here: 'newer', there: 'older', hereSends: true, thereSends: false };
  if (newer === 'b') return { here: 'older', there: 'newer', hereSends: false, thereSends: true };
  return { here: 'same', there: 'same', hereSends: false, thereSends: false };
}

/** Files on both sides of the same size, both times known: what tells a server's time zone. */
function sameSizePairs(
  local: CompareSide,
  remoteByName: ReadonlyMap<string, FileEntry>,
): SameSizePair[] {
  const pairs: SameSizePair[] = [];
  for (const here of local.entries) {
    const there = remoteByName.get(here.name);
    if (!there || opensAsFolder(here) || opensAsFolder(there)) continue;
    if (here.size !== there.size || here.modified === null || there.modified === null) continue;
    pairs.push({ here: here.modified, listed: there.modified });
  }
  return pairs;
}

/**
 * Marks every entry of both sides. `serverTimeOffsetMinutes` is the site's "Adjust server time",
 * added to every remote time; when it is set, no time zone is guessed.
 */
export function compareFolders(
  local: CompareSide,
  remote: CompareSide,
  serverTimeOffsetMinutes = 0,
): Comparison {
  const localMarks = new Map<string, CompareMark>();
  const remoteMarks = new Map<string, CompareMark>();
  const localDiffering = new Set<string>();
  const remoteDiffering = new Set<string>();
  const localFolders = new Set<string>();
  const remoteFolders = new Set<string>();
  const remoteByName = new Map(remote.entries.map((entry) => [entry.name, entry]));
  const remoteHoursOff =
    serverTimeOffsetMinutes !== 0
      ? 0
      : listingHoursOff(sameSizePairs(local, remoteByName), local.precision, remote.precision);
  const remoteShift =
    serverTimeOffsetMinutes !== 0 ? shiftOfOffset(serverTimeOffsetMinutes) : remoteHoursOff * HOUR;

  for (const here of local.entries) {
    const there = remoteByName.get(here.name);
    if (!there) {
      localMarks.set(here.name, 'only-here');
      localDiffering.add(here.name);
      if (opensAsFolder(here)) localFolders.add(here.name);
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
      const result = compareFiles(here, local.precision, there, remote.precision, remoteShift);
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
    if (opensAsFolder(there)) remoteFolders.add(there.name);
  }
  return {
    local: { marks: localMarks, differing: localDiffering, differingFolders: localFolders },
    remote: { marks: remoteMarks, differing: remoteDiffering, differingFolders: remoteFolders },
    remoteHoursOff,
    remoteTimeShift:
      serverTimeOffsetMinutes !== 0
        ? { by: 'site', minutes: serverTimeOffsetMinutes }
        : remoteHoursOff !== 0
          ? { by: 'detected', hours: remoteHoursOff }
          : null,
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
