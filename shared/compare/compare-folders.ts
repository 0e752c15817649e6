/**
 * Directory comparison, as FileZilla does it: the two folders shown are matched by name
 * (case-sensitively); files are compared by size, then by modified time; folders only by being
 * there. Pure, so every rule is tested as a table. Shared by the page (the panes' marks) and the
 * core (folder synchronization walks subfolders with the same rules).
 */
import type { FileEntry } from '../types';
import {
  HOUR,
  listingHoursOff,
  newerSide,
  type SameSizePair,
  type TimePrecision,
} from './compare-times';

export { newerSide, precisionOf, type TimePrecision } from './compare-times';

/** A folder, or a link to one: what opens as a folder (a link is never walked into, though). */
export function opensAsFolder(entry: FileEntry): boolean {
  return entry.kind === 'folder' || (entry.kind === 'symlink' && entry.targetKind === 'folder');
}

/** What the comparison takes off a listed time for a site's offset (it subtracts: the opposite). */
export function shiftOfOffset(offsetMinutes: number): number {
  return offsetMinutes === 0 ? 0 : -offsetMinutes * 60_000;
}

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
