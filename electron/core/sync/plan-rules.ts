/**
 * What synchronizing one pair of folders does, from the folder comparison's marks (the same
 * rules as Compare, shared/compare): which files go up or down and why, what is deleted, which
 * subfolders are compared next, and what is left alone. Pure, so the rules are tested as a table.
 */
import {
  compareFolders,
  type CompareMark,
  type Comparison,
  type TimePrecision,
} from '../../../shared/compare/compare-folders';
import type {
  SyncAction,
  SyncLeftAloneWhy,
  SyncOptions,
  SyncReason,
} from '../../../shared/contract/sync';
import type { FileEntry } from '../../../shared/types';

/** An entry of one side's folder, by its own name; links are never here (left alone before). */
export interface PairInput {
  local: readonly FileEntry[];
  remote: readonly FileEntry[];
  remotePrecision: TimePrecision;
  serverTimeOffsetMinutes: number;
}

export interface PlannedEntry {
  name: string;
  action: SyncAction;
  reason: SyncReason;
  /** The entry on the side the action reads (the source; for a delete, what goes). */
  entry: FileEntry;
  /** A transfer's target as listed (undefined: nothing there), replaced only while so. */
  there?: FileEntry;
}

export interface PairPlan {
  entries: PlannedEntry[];
  /** Folders on both sides: compared next (when recursive). */
  bothFolders: string[];
  /**
   * kind: a file on one side, a folder on the other; bothChanged: "both" and no telling which
   * copy is newer; newerThere: the side being made to match has the newer copy (kept, as
   * WinSCP does unless told to mirror).
   */
  leftAlone: { name: string; why: SyncLeftAloneWhy }[];
  remoteTimeShift: Comparison['remoteTimeShift'];
}

const REASONS: Partial<Record<CompareMark, { local: SyncReason; remote: SyncReason }>> = {
  'only-here': { local: 'onlyLocal', remote: 'onlyRemote' },
  newer: { local: 'newerLocal', remote: 'newerRemote' },
  size: { local: 'sizeDiffers', remote: 'sizeDiffers' },
};

/** Size only: times are taken as unknown, which the comparison counts as the same. */
const timeless = (entries: readonly FileEntry[]) =>
  entries.map((entry) => ({ ...entry, modified: null }));

export function planPair(input: PairInput, options: SyncOptions): PairPlan {
  const local = options.compareBy === 'sizeOnly' ? timeless(input.local) : input.local;
  const remote = options.compareBy === 'sizeOnly' ? timeless(input.remote) : input.remote;
  const comparison = compareFolders(
    { entries: local, precision: 'exact' },
    { entries: remote, precision: input.remotePrecision },
    input.serverTimeOffsetMinutes,
  );
  const localByName = new Map(input.local.map((entry) => [entry.name, entry]));
  const remoteByName = new Map(input.remote.map((entry) => [entry.name, entry]));
  const plan: PairPlan = {
    entries: [],
    bothFolders: [],
    leftAlone: [],
    remoteTimeShift: comparison.remoteTimeShift,
  };

  const sends = (side: 'local' | 'remote', name: string) =>
    comparison[side].differing.has(name) &&
    (options.recursive || !comparison[side].differingFolders.has(name));
  const reasonOf = (side: 'local' | 'remote', name: string): SyncReason => {
    const mark = comparison[side].marks.get(name);
    const reason = mark === undefined ? undefined : REASONS[mark];
    return reason ? reason[side] : 'sizeDiffers';
  };

  for (const [name, entry] of localByName) {
    const mark = comparison.local.marks.get(name);
    if (mark === 'kind') plan.leftAlone.push({ name, why: 'kind' });
    else if (mark === 'same' && entry.kind === 'folder') plan.bothFolders.push(name);
  }
  const up = options.direction !== 'download';
  const down = options.direction !== 'upload';
  const mirror = options.mirror === true && up !== down;
  for (const [name, entry] of localByName) {
    if (!sends('local', name)) continue;
    const only = comparison.local.marks.get(name) === 'only-here';
    if (up && down && !only && sends('remote', name)) {
      plan.leftAlone.push({ name, why: 'bothChanged' });
    } else if (up) {
      const there = remoteByName.get(name);
      const reason = reasonOf('local', name);
      plan.entries.push({ name, action: 'upload', reason, entry, ...(there ? { there } : {}) });
    } else if (!only && !sends('remote', name)) {
      const source = remoteByName.get(name);
      if (mirror && source) {
        // Mirror: the server's older copy replaces this newer one.
        const reason = 'replacesNewerLocal';
        plan.entries.push({ name, action: 'download', reason, entry: source, there: entry });
      } else plan.leftAlone.push({ name, why: 'newerThere' });
    } else if (only && options.deleteExtra) {
      plan.entries.push({ name, action: 'deleteLocal', reason: 'onlyLocal', entry });
    }
  }
  for (const [name, entry] of remoteByName) {
    if (!sends('remote', name)) continue;
    const only = comparison.remote.marks.get(name) === 'only-here';
    if (up && down && !only && sends('local', name)) continue; // left alone above
    if (!only && !down && !sends('local', name)) {
      const source = localByName.get(name);
      if (mirror && source) {
        // Mirror: this computer's older copy replaces the server's newer one.
        const reason = 'replacesNewerRemote';
        plan.entries.push({ name, action: 'upload', reason, entry: source, there: entry });
      } else plan.leftAlone.push({ name, why: 'newerThere' });
    } else if (down) {
      const there = localByName.get(name);
      const reason = reasonOf('remote', name);
      plan.entries.push({ name, action: 'download', reason, entry, ...(there ? { there } : {}) });
    } else if (only && options.deleteExtra) {
      plan.entries.push({ name, action: 'deleteRemote', reason: 'onlyRemote', entry });
    }
  }
  return plan;
}
