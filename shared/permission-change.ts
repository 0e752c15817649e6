/**
 * The arithmetic of a permissions change over several items (pure; the dialog and the core share
 * it). The user decides some bits (ticked or unticked: `mask`) and leaves the rest as each item
 * has them (the bits the items disagree on, shown as mixed). "Add X to folders" gives a folder
 * x wherever it ends up with r, so one pass sets folders 755 and files 644.
 */
import type { PermissionsCounts } from './contract/permissions';
import type { EntryKind } from './types';

/** What a recursive change touches below (and among) the chosen items. */
export const PERMISSION_SCOPES = ['all', 'files', 'folders'] as const;
export type PermissionScope = (typeof PERMISSION_SCOPES)[number];

/** The nine rwx bits the dialog shows; set-id and sticky bits are kept as each item has them. */
export const RWX_BITS = 0o777;
const READ_BITS = 0o444;

export interface ModeChange {
  /** The bits to set (only those in `mask` count). */
  mode: number;
  /** The bits the user decided; others stay as each item has them. */
  mask: number;
  /** Folders get x (execute: enter) wherever they get r (read). */
  addX: boolean;
}

/** Every rwx bit decided: the item's current mode does not matter (but for set-id bits). */
export function decidesAll(change: ModeChange): boolean {
  return (change.mask & RWX_BITS) === RWX_BITS;
}

/**
 * The new mode of an item now at `current` (null: the server did not say), or undefined when it
 * cannot be known (some bits are left as they are, and they are unknown).
 */
export function changedMode(
  current: number | null,
  kind: EntryKind,
  change: ModeChange,
): number | undefined {
  const mask = change.mask & RWX_BITS;
  if (current === null && mask !== RWX_BITS) return undefined;
  const kept = (current ?? 0) & ~mask & 0o7777;
  let next = kept | (change.mode & mask);
  if (change.addX && kind === 'folder') next |= (next & READ_BITS) >> 2;
  return next;
}

/** Whether a change with this scope touches an item of this kind (links and others: never). */
export function inScope(kind: EntryKind, scope: PermissionScope): boolean {
  if (kind === 'file') return scope !== 'folders';
  if (kind === 'folder') return scope !== 'files';
  return false;
}

/** Bits several modes share: `known` has a 1 where all agree, `bits` their common values. */
export function commonBits(modes: readonly (number | null)[]): { bits: number; known: number } {
  let known = RWX_BITS;
  let bits: number | undefined;
  for (const mode of modes) {
    if (mode === null) return { bits: 0, known: 0 };
    const own = mode & RWX_BITS;
    if (bits === undefined) bits = own;
    else known &= ~(bits ^ own);
  }
  return { bits: (bits ?? 0) & known, known: bits === undefined ? 0 : known };
}

/** The counts of a change that has not changed anything yet (the core and `ferry chmod`). */
export function noChangesYet(): PermissionsCounts {
  return { changed: 0, failed: 0, folders: 0, links: 0, unreadable: 0, refusedNames: 0 };
}
