/**
 * The transfer list in start order, and the keys that change it (WinSCP's Move up / Move down,
 * FileZilla's priorities). Pure, so the rules are tested as tables.
 */
import type { QueueMove, TransferJob } from '../../../shared/contract/transfers';

/**
 * Rows in the order the queue starts them: whole transfers by their place, each folder's files
 * right below their folder (in the order they arrived). Rows without a place keep theirs.
 */
export function inStartOrder(
  rows: readonly TransferJob[],
  byId: ReadonlyMap<string, TransferJob>,
): TransferJob[] {
  const placeOf = (row: TransferJob): number => {
    const top = row.parentId === undefined ? row : byId.get(row.parentId);
    return top?.order ?? Number.POSITIVE_INFINITY;
  };
  const keyed = rows.map((row, arrived) => ({
    row,
    place: placeOf(row),
    child: row.parentId === undefined ? 0 : 1,
    arrived,
  }));
  keyed.sort((a, b) => {
    if (a.place !== b.place) return a.place < b.place ? -1 : 1;
    if (!Number.isFinite(a.place)) return a.arrived - b.arrived;
    return a.child - b.child || a.arrived - b.arrived;
  });
  return keyed.map(({ row }) => row);
}

/**
 * A row the user can move: a whole transfer still waiting (a file not started, a folder with
 * work left). A folder's files move with their folder.
 */
export function canMove(row: TransferJob): boolean {
  if (row.parentId !== undefined || row.order === undefined) return false;
  return row.state === 'queued' || (row.kind === 'folder' && row.state === 'active');
}

interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** Alt+Up / Alt+Down one step, Alt+Home / Alt+End to the top or the bottom. */
export function queueMoveFor(press: KeyPress): QueueMove | undefined {
  if (!press.altKey || press.ctrlKey || press.metaKey || press.shiftKey) return undefined;
  const moves: Record<string, QueueMove> = {
    ArrowUp: 'up',
    ArrowDown: 'down',
    Home: 'top',
    End: 'bottom',
  };
  return moves[press.key];
}

/** The shortcut of each move, as menus show it and aria-keyshortcuts names it. */
export const MOVE_SHORTCUTS: Record<QueueMove, string> = {
  top: 'Alt+Home',
  up: 'Alt+ArrowUp',
  down: 'Alt+ArrowDown',
  bottom: 'Alt+End',
};

/**
 * Whether moving the chosen rows `to` would change anything: some chosen row has a waiting row
 * not chosen on that side (the rows are the movable ones, in start order).
 */
export function wouldMove(
  movable: readonly string[],
  chosen: ReadonlySet<string>,
  to: QueueMove,
): boolean {
  const towardsTop = to === 'top' || to === 'up';
  let passedOther = false;
  const line = towardsTop ? movable : [...movable].reverse();
  for (const id of line) {
    if (!chosen.has(id)) passedOther = true;
    else if (passedOther) return true;
  }
  return false;
}
const WHERE: Record<QueueMove, string> = {
  top: 'to the top',
  up: 'up one place',
  down: 'down one place',
  bottom: 'to the bottom',
};

/**
 * What a screen reader hears after a move (the rows move silently): "d.bin moved to the top",
 * "2 transfers moved down one place", or, when nothing could move, that they are there already.
 */
export function moveAnnouncement(names: readonly string[], to: QueueMove, moved: boolean): string {
  const which = names.length === 1 ? (names[0] ?? '') : `${names.length} transfers`;
  if (moved) return `${which} moved ${WHERE[to]}.`;
  const end = to === 'top' || to === 'up' ? 'top' : 'bottom';
  return `${which} ${names.length === 1 ? 'is' : 'are'} already at the ${end}.`;
}

/** Element ids the queue's list and its rows share. */
export const QUEUE_KEYS_HINT_ID = 'transfer-queue-keys';

/** The id of a waiting transfer's "Select" checkbox. */
export function selectId(jobId: string): string {
  return `transfer-select-${jobId}`;
}
